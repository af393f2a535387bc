import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeArchive } from './archive';
import { memory, servingProcess } from './processes';

const root = join(import.meta.dirname, '..', '..');

export interface ArchiveResult {
  stories: number;
  writeSeconds: number;
  firstStartSeconds: number;
  restartSeconds: number;
  memoryAfterStart: { rss: number; hwm: number };
  /** Every page and API answer measured, with its gzip size (level 6, as the server compresses). */
  answers: { path: string; kind: 'page' | 'api'; status: number; raw: number; gzip: number }[];
}

interface Started {
  child: ChildProcess;
  url: string;
  seconds: number;
}

/** Starts the real server and times spawn to its "serving at" line (no time limit: a first start loads it all). */
export function start(env: Record<string, string>): Promise<Started> {
  const begin = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/[^\s]+?)\/?$/m.exec(output);
      if (match) resolve({ child, url: match[1]!, seconds: (performance.now() - begin) / 1000 });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output.slice(-4000)}`)));
  });
}

export const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * A newsroom's archive: `count` stories written as content files into a temp CONTENT_DIR, the real server
 * started on them (first start: everything parsed and stored), its memory, the size of every kind of page and
 * API answer, then a restart on the unchanged files and database.
 */
export async function measureArchive(
  count: number,
  distDir: string,
  log: (message: string) => void,
  cleanups: (() => Promise<unknown>)[],
): Promise<ArchiveResult> {
  const dir = mkdtempSync(join(tmpdir(), 'byline-archive-bench-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const contentDir = join(dir, 'content');
  let begin = performance.now();
  writeArchive(count, 40, contentDir);
  const writeSeconds = (performance.now() - begin) / 1000;
  log(`archive: ${count} story files written in ${writeSeconds.toFixed(1)} s`);
  const env = {
    CONTENT_DIR: contentDir,
    DB_PATH: join(dir, 'byline.db'),
    DIST_DIR: distDir,
    CONTENT_RESCAN_SECONDS: '0',
  };

  const first = await start(env);
  cleanups.push(() => stop(first.child));
  log(`archive: first start in ${first.seconds.toFixed(1)} s`);
  const memoryAfterStart = memory(servingProcess(first.child.pid!));
  const busiest = 'correspondent-1'; // writes a fifth of the archive
  const slug = 'archive-story-1';
  const answers: ArchiveResult['answers'] = [];
  for (const [path, kind] of [
    ['/', 'page'],
    [`/authors/${busiest}`, 'page'],
    ['/sections/city', 'page'],
    [`/stories/${slug}`, 'page'],
    ['/api/stories?limit=50', 'api'],
    [`/api/authors/${busiest}?limit=50`, 'api'],
    ['/api/sections', 'api'],
    ['/api/sections/city?limit=50', 'api'],
    [`/api/stories/${slug}`, 'api'],
    [`/api/stories/${slug}/comments`, 'api'],
  ] as const) {
    const response = await fetch(`${first.url}${path}`);
    const body = Buffer.from(await response.arrayBuffer());
    answers.push({ path, kind, status: response.status, raw: body.length, gzip: gzipSync(body, { level: 6 }).length });
  }
  await stop(first.child);

  begin = performance.now();
  const again = await start(env);
  cleanups.push(() => stop(again.child));
  log(
    `archive: unchanged restart in ${again.seconds.toFixed(1)} s (${((performance.now() - begin) / 1000).toFixed(1)} s)`,
  );
  await stop(again.child);
  return {
    stories: count,
    writeSeconds,
    firstStartSeconds: first.seconds,
    restartSeconds: again.seconds,
    memoryAfterStart,
    answers,
  };
}
