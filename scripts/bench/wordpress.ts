import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SyncReport } from '../../server/sources';
import { root } from './bytes';
import { memory } from './processes';

/**
 * The WordPress rows of npm run bench: a real WordPress (the project's harness in test/wordpress, Debian's 6.1 on
 * Apache and MariaDB at 127.0.0.1:8080) loaded with a generated site of N posts, then the real Byline server started on it
 * twice on one fresh database: the first sync from empty, and an idle re-sync from the remembered `since`. Each
 * with its time and requests (from the server's own `wordpress: synced` line) and the server's peak memory.
 */

const run = promisify(execFile);
const harness = join(root, 'test', 'wordpress');
const WORDPRESS_URL = 'http://127.0.0.1:8080';
/** Slugs of generated posts start with this, so a re-load of the same size replaces the same posts. */
const SLUG_PREFIX = 'bench-wp';

const AUTHORS = [
  {
    login: 'bench-ines',
    name: 'Inés Marlow',
    bio: 'Covers the harbour and the council.',
    url: 'https://example.invalid/ines',
  },
  {
    login: 'bench-tomas',
    name: 'Tomás Reyes',
    bio: 'Writes about transport and housing.',
    url: 'https://example.invalid/tomas',
  },
  { login: 'bench-ada', name: 'Ada Okafor', bio: 'Science and weather.', url: 'https://example.invalid/ada' },
];
const CATEGORIES = ['Harbour', 'Council', 'Transport', 'Housing', 'Schools', 'Weather', 'Culture', 'Sport'];
const TAGS = [
  'ferries',
  'budget',
  'tides',
  'rail',
  'rents',
  'exams',
  'storms',
  'festival',
  'football',
  'lamps',
  'bridges',
  'markets',
];
const WORDS = (
  'the harbour board met on tuesday to weigh a plan for the old breakwater lamps which have stood dark since the ' +
  'winter storms residents along the quay say the light mattered more than anyone admitted and the council has ' +
  'promised an answer before the spring tides return to the estuary where the ferries still run twice an hour'
).split(' ');

/** A deterministic sentence of `length` words, varied by `seed`. */
function sentence(seed: number, length: number): string {
  const words = Array.from({ length }, (_, index) => WORDS[(seed * 7 + index * 13) % WORDS.length]!);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(seed: number): string {
  const text = [sentence(seed, 14), sentence(seed + 1, 11), sentence(seed + 2, 17)].join(' ');
  return `<!-- wp:paragraph -->\n<p>${text.replace('harbour', '<a href="https://example.invalid/harbour">harbour</a>').replace('council', '<em>council</em>')}</p>\n<!-- /wp:paragraph -->`;
}

/** Block-editor markup: paragraphs, a heading, a list, a quote with a citation; no images. */
function content(index: number): string {
  return [
    paragraph(index),
    paragraph(index + 3),
    `<!-- wp:heading -->\n<h2>${sentence(index + 5, 5).slice(0, -1)}</h2>\n<!-- /wp:heading -->`,
    paragraph(index + 6),
    `<!-- wp:list -->\n<ul><li>${sentence(index + 8, 6)}</li><li>${sentence(index + 9, 7)}</li><li>${sentence(index + 10, 5)}</li></ul>\n<!-- /wp:list -->`,
    `<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${sentence(index + 11, 12)}</p><cite>A resident of the quay</cite></blockquote>\n<!-- /wp:quote -->`,
    paragraph(index + 12),
  ].join('\n\n');
}

/** Our own generated site description: `posts` posts, 3 authors, 8 categories, tags, 2 comments on every 5th post. */
export function generateSite(posts: number): unknown {
  const start = Date.parse('2024-01-01T08:00:00Z');
  return {
    title: 'The Bench Courier',
    description: 'Generated for npm run bench',
    permalinks: '/%postname%/',
    authors: AUTHORS,
    posts: Array.from({ length: posts }, (_, index) => {
      const date = new Date(start + index * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
      return {
        slug: `${SLUG_PREFIX}-${String(index + 1).padStart(5, '0')}`,
        title: `${sentence(index, 6).slice(0, -1)} (${index + 1})`,
        author: AUTHORS[index % AUTHORS.length]!.login,
        date,
        modified: date,
        status: 'publish',
        categories: [
          CATEGORIES[index % CATEGORIES.length]!,
          ...(index % 3 === 0 ? [CATEGORIES[(index + 3) % CATEGORIES.length]!] : []),
        ],
        tags: [TAGS[index % TAGS.length]!, TAGS[(index * 5 + 1) % TAGS.length]!],
        excerpt: index % 2 === 0 ? sentence(index + 20, 18) : '',
        content: content(index),
        comments:
          index % 5 === 0
            ? [
                {
                  id: `c${index}-1`,
                  author: 'Ruth',
                  email: 'ruth@example.invalid',
                  content: sentence(index + 30, 12),
                  date,
                },
                {
                  id: `c${index}-2`,
                  parent: `c${index}-1`,
                  author: 'Marta',
                  email: 'marta@example.invalid',
                  content: sentence(index + 31, 9),
                  date,
                },
              ]
            : [],
      };
    }),
  };
}

/** Writes a generated site of `posts` posts to a temp file and loads it with start.sh; returns the seconds it took. */
export async function loadSite(posts: number, log: (message: string) => void): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'byline-bench-wp-'));
  try {
    const file = join(dir, 'site.json');
    writeFileSync(file, JSON.stringify(generateSite(posts)));
    const begin = Date.now();
    log(`loading a generated WordPress site of ${posts} posts with start.sh`);
    try {
      await run('bash', [join(harness, 'start.sh'), file], { timeout: 900_000, maxBuffer: 1 << 26 });
    } catch (error) {
      // WordPress could not be started or loaded here: the WordPress rows say so, and the rest of the bench stands.
      const { stderr = '', message = String(error) } = error as { stderr?: string; message?: string };
      const tail = stderr.trim().split('\n').slice(-3).join(' / ');
      throw new Error(`start.sh failed: ${tail || message}`, { cause: error });
    }
    return (Date.now() - begin) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stops the harness's Apache and MariaDB, so the bench leaves no service running. */
export async function stopWordPress(): Promise<void> {
  await run('bash', [join(harness, 'stop.sh')], { timeout: 120_000 });
}

/** Why WordPress cannot be started here, or undefined when it can be tried. */
export function wordpressUnavailable(): string | undefined {
  if (!existsSync(join(harness, 'start.sh'))) return `no ${join(harness, 'start.sh')}`;
  if (process.getuid?.() !== 0) return 'start.sh needs root (it installs and starts Apache and MariaDB)';
  if (!existsSync('/usr/bin/apt-get') && !existsSync('/usr/share/wordpress'))
    return 'no apt-get to install WordPress with, and no WordPress installed';
  return undefined;
}

/** The sync's own counts, time and requests, from its `wordpress: synced` line. */
export interface SyncSample extends Omit<SyncReport, 'nextSince' | 'failed' | 'unstored'> {
  ms: number;
  line: string;
  /** From launch to the synced line, as the bench saw it. */
  wallMs: number;
  /** The server process's peak resident memory (VmHWM) and resident memory after the sync, in bytes. */
  hwm: number;
  rss: number;
  pid: number;
}

const SYNCED =
  /wordpress: synced \S+ \((full pass|changes only); (\d+) added, (\d+) updated, (\d+) unchanged, (\d+) withdrawn, (\d+) skipped, (\d+) comments added, (\d+) removed; (\d+) requests in (\d+) ms[;)]/;

/**
 * Starts the server (node with tsx as a loader, so the pid is the server's own process) on `dir`'s database and
 * an empty content folder, waits for its first sync's line, reads its memory and stops it.
 */
async function syncOnce(dir: string, distDir: string): Promise<SyncSample> {
  let output = '';
  const began = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DB_PATH: join(dir, 'byline.db'),
      CONTENT_DIR: join(dir, 'content'),
      DIST_DIR: distDir,
      WORDPRESS_URL,
      WORDPRESS_SYNC_SECONDS: '3600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "wordpress: synced" line within 10 minutes:\n${output.slice(-4000)}`)),
        600_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const failed = /wordpress: sync failed.*$/m.exec(output);
        if (failed) {
          clearTimeout(timer);
          reject(new Error(`the sync failed: ${failed[0]}`));
        }
        const match = SYNCED.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output.slice(-4000)}`));
      });
    });
    const wallMs = Date.now() - began;
    const { hwm, rss } = memory(child.pid!);
    const [, kind, ...counts] = SYNCED.exec(line)!;
    const [added, updated, unchanged, withdrawn, skipped, commentsAdded, commentsRemoved, requests, ms] =
      counts.map(Number);
    return {
      full: kind === 'full pass',
      ms: ms!,
      requests: requests!,
      added: added!,
      updated: updated!,
      unchanged: unchanged!,
      withdrawn: withdrawn!,
      skipped: skipped!,
      commentsAdded: commentsAdded!,
      commentsRemoved: commentsRemoved!,
      line,
      wallMs,
      hwm,
      rss,
      pid: child.pid!,
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  }
}

export interface WordPressRun {
  posts: number;
  loadSeconds: number;
  first: SyncSample;
  idle: SyncSample;
}

/** Loads a site of `posts` posts, then a first sync from empty and an idle re-sync on the same database. */
export async function measureWordPress(
  posts: number,
  distDir: string,
  log: (message: string) => void,
  { fresh = false } = {},
): Promise<WordPressRun> {
  if (fresh) {
    // Removing goes through WordPress's REST API, so WordPress must be up first: a site of no posts starts it
    // (and adds nothing) when it is not.
    if (!(await wordpressAnswers())) await loadSite(0, log);
    log(`removed ${await removeGeneratedPosts()} posts of earlier bench runs from WordPress`);
  }
  const loadSeconds = await loadSite(posts, log);
  log(`WordPress loaded in ${loadSeconds.toFixed(0)} s`);
  const dir = mkdtempSync(join(tmpdir(), 'byline-bench-wpsync-'));
  try {
    mkdirSync(join(dir, 'content'));
    const first = await syncOnce(dir, distDir);
    log(`first sync: ${first.line}; peak ${(first.hwm / 1e6).toFixed(1)} MB`);
    const idle = await syncOnce(dir, distDir);
    log(`idle re-sync: ${idle.line}; peak ${(idle.hwm / 1e6).toFixed(1)} MB`);
    return { posts, loadSeconds, first, idle };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether WordPress's REST API answers on WORDPRESS_URL (its services are not left running between sessions). */
async function wordpressAnswers(): Promise<boolean> {
  try {
    return (await fetch(`${WORDPRESS_URL}/wp-json/`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Deletes the posts an earlier bench run generated (slugs starting with SLUG_PREFIX; their comments go with
 * them), through the REST API as the harness's admin, 8 at a time. Loading never removes posts, so a smaller site
 * can only be measured after this. Returns how many it deleted.
 */
export async function removeGeneratedPosts(): Promise<number> {
  const password = readFileSync('/etc/wordpress/byline-test-app-password', 'utf8').trim();
  const headers = { Authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` };
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(
      `${WORDPRESS_URL}/wp-json/wp/v2/posts?per_page=100&page=${page}&_fields=id,slug&status=any`,
      { headers },
    );
    if (!response.ok) throw new Error(`WordPress GET posts page ${page}: ${response.status}`);
    const posts = (await response.json()) as { id: number; slug: string }[];
    ids.push(...posts.filter((post) => post.slug.startsWith(`${SLUG_PREFIX}-`)).map((post) => post.id));
    if (page >= Number(response.headers.get('x-wp-totalpages') ?? 1)) break;
  }
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const response = await fetch(`${WORDPRESS_URL}/wp-json/wp/v2/posts/${id}?force=true`, {
          method: 'DELETE',
          headers,
        });
        if (!response.ok) throw new Error(`WordPress DELETE post ${id}: ${response.status}`);
      }
    }),
  );
  return ids.length;
}

/** Posts on the site as WordPress reports them (X-WP-Total), all descriptions loaded so far included. */
export async function publishedPosts(): Promise<number | undefined> {
  try {
    const response = await fetch(`${WORDPRESS_URL}/wp-json/wp/v2/posts?per_page=1&_fields=id`);
    return Number(response.headers.get('x-wp-total')) || undefined;
  } catch {
    return undefined;
  }
}
