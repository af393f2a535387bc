import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres';

const root = join(import.meta.dirname, '..', '..');

export interface RunningServer {
  url: string;
  dbPath: string;
  /** PID of the process startServer spawned (tsx's CLI, which runs the server in a child process of its own). */
  readonly pid: number | undefined;
  output: () => string;
  /** Stops the server for good and removes its database. */
  stop: () => Promise<void>;
  /** Stops the process (SIGTERM) but keeps port and database, to simulate an outage; resolves to its exit code. */
  pause: () => Promise<number | null>;
  /** Starts the same server again on the same port and database. */
  restart: () => Promise<void>;
}

/**
 * Starts the real server (production build from dist/, real SQLite in a temp folder) as its own process,
 * the way an operator runs it, and waits for the URL it prints. Node with tsx as a loader, as `npm start` does,
 * not the tsx CLI: that relays a SIGTERM and kills the server with SIGKILL if it has not heard back within
 * 30 ms, which a loaded machine misses (no graceful shutdown).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'byline-test-'));
  const dbPath = join(dir, 'byline.db');
  let log = '';
  let child: ChildProcess;
  // A port known before the start, so the server's public origin (PUBLIC_ORIGIN) can be the address tests use:
  // the server never takes its links from the request's Host. `PUBLIC_ORIGIN: ''` tests the server without one.
  let port = env.PORT ?? String(await freePort());
  const publicOrigin = env.PUBLIC_ORIGIN ?? `http://127.0.0.1:${port}`;

  const launch = () =>
    new Promise<string>((resolve, reject) => {
      // Only this launch's output counts: an earlier run's "serving at" line must not satisfy a restart.
      const start = log.length;
      child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root,
        env: {
          ...process.env,
          PORT: port,
          HOST: '127.0.0.1',
          DB_PATH: dbPath,
          DIST_DIR: join(root, 'dist'),
          // No balancer probes these servers: stopping them need not wait the default drain.
          SHUTDOWN_DRAIN_MS: '0',
          ...env,
          PUBLIC_ORIGIN: publicOrigin,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const match = /serving at (http:\/\/[^\s]+?)\/?$/m.exec(log.slice(start));
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${log}`));
      });
    });

  const stopChild = () =>
    new Promise<number | null>((resolve) => {
      if (!child || child.exitCode !== null) return resolve(child?.exitCode ?? null);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });

  const url = await launch();
  port = new URL(url).port;
  return {
    url,
    dbPath,
    get pid() {
      return child.pid;
    },
    output: () => log,
    stop: async () => {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
    pause: stopChild,
    restart: async () => {
      await launch();
    },
  };
}

/**
 * Writes `count` approved comments on a story straight into a test server's SQLite database, a minute apart
 * (oldest first), as a thread long enough to page: `text(n)` words the n-th (from 1).
 */
export function seedApprovedComments(dbPath: string, slug: string, count: number, text: (n: number) => string) {
  const db = new Database(dbPath);
  const insert = db.prepare(
    `INSERT INTO comments (story_slug, name, email, text, status, ip_hash, created_at)
     VALUES (?, ?, ?, ?, 'approved', 'seed', ?)`,
  );
  db.transaction(() => {
    for (let n = 1; n <= count; n++) {
      insert.run(
        slug,
        `Reader ${n}`,
        `reader${n}@example.com`,
        text(n),
        new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
      );
    }
  })();
  db.close();
}
