/**
 * A real PostgreSQL server for tests: a throwaway cluster in a temp directory, on a free port of 127.0.0.1.
 *
 * Why it works as it does:
 * - It uses the distribution's own binaries (Debian's `postgresql` package puts `initdb` and `pg_ctl` in
 *   /usr/lib/postgresql/<version>/bin, off PATH; set PG_BIN to use others, e.g. on a Mac). Never a mock.
 * - PostgreSQL refuses to run as root. CI runs as root, so there every binary runs as the `postgres` user the
 *   package creates (`runuser -u postgres --`), in a directory chowned to it. Run as anyone else (a developer's
 *   machine) the binaries run directly as that user.
 * - `initdb --no-sync -A trust` makes a cluster in about a second; trust auth is safe because the server listens
 *   only on 127.0.0.1 and on a unix socket inside the 0700 temp directory. fsync stays on: writes are as durable as
 *   in production, and "a 201 means committed" tests mean something.
 * - The port comes from binding port 0 in Node, so parallel test files never collide; if another process takes
 *   it in between, the start is retried on a new port.
 * - Settings go into the cluster's postgresql.conf, so `pgStop()`/`pgStart()` bring back the same server on the
 *   same port and data ("the database goes away" tests).
 * - The tests connect as `byline` (LOGIN, CREATEDB, not a superuser) to database `byline`; `createDatabase`
 *   gives each suite its own empty database on one cluster.
 * - A cluster still running when the test process exits is stopped (immediate mode) so none is left behind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface RunningPostgres {
  /** `postgres://byline@127.0.0.1:<port>/byline`: user byline (LOGIN, CREATEDB) owns database byline. */
  url: string;
  /** Stops the cluster and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops the server (fast mode by default: open connections are cut), keeping port and data. */
  pgStop(options?: { mode?: 'smart' | 'fast' | 'immediate' }): Promise<void>;
  /** Starts the same cluster again, same port and data; resolves once it accepts connections. */
  pgStart(): Promise<void>;
  /** The server's log so far (warnings and errors), for a failing test's message. */
  log(): string;
}

const running = new Set<{ dataDir: string; bin: string; asPostgres: boolean }>();
let exitHookInstalled = false;

/** The directory holding initdb and pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/<v>/bin, else PATH. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  return '';
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs a PostgreSQL binary (as `postgres` when we are root); rejects with its output when it fails. */
function runPg(bin: string, name: string, args: string[], cwd: string, asPostgres: boolean): Promise<string> {
  const exe = bin ? join(bin, name) : name;
  const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  return new Promise((resolve, reject) => {
    // pg_ctl start leaves the server running with our pipes as its stdout/stderr unless they are redirected:
    // the server logs to a file (-l), and we read only until pg_ctl itself exits.
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => reject(new Error(`${name}: ${error.message}`)));
    child.once('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${name} ${args.join(' ')} exited ${code}:\n${output}`));
    });
  });
}

function stopSync(cluster: { dataDir: string; bin: string; asPostgres: boolean }): void {
  const exe = cluster.bin ? join(cluster.bin, 'pg_ctl') : 'pg_ctl';
  const args = ['-D', cluster.dataDir, '-m', 'immediate', '-w', 'stop'];
  try {
    if (cluster.asPostgres) execFileSync('runuser', ['-u', 'postgres', '--', exe, ...args], { stdio: 'ignore' });
    else execFileSync(exe, args, { stdio: 'ignore' });
  } catch {
    // Already stopped.
  }
}

/**
 * Starts a fresh PostgreSQL cluster for tests. Call from beforeAll (allow ~10 s) and `stop()` in afterAll.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const asPostgres = isRoot();
  const dir = mkdtempSync(join(tmpdir(), 'byline-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (asPostgres) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);

  await runPg(
    bin,
    'initdb',
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C'],
    dir,
    asPostgres,
  );

  const cluster = { dataDir, bin, asPostgres };
  let port = 0;
  let started = false;
  const pgStart = async () => {
    await runPg(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'], dir, asPostgres);
    started = true;
    running.add(cluster);
  };

  // postgresql.conf takes the last value of a setting, so appending a new port on a retry is enough.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      [
        '',
        '# byline test cluster (test/helpers/postgres.ts)',
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        'fsync = on',
        'synchronous_commit = on',
        "log_min_messages = 'warning'",
        '',
      ].join('\n'),
    );
    try {
      await pgStart();
      break;
    } catch (error) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of running) stopSync(c);
    });
  }

  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query('CREATE ROLE byline LOGIN CREATEDB');
    await admin.query('CREATE DATABASE byline OWNER byline');
  } finally {
    await admin.end();
  }

  const pgStop = async (options: { mode?: 'smart' | 'fast' | 'immediate' } = {}) => {
    await runPg(bin, 'pg_ctl', ['-D', dataDir, '-m', options.mode ?? 'fast', '-w', '-t', '60', 'stop'], dir, asPostgres);
    started = false;
    running.delete(cluster);
  };

  let removed = false;
  return {
    url: `postgres://byline@127.0.0.1:${port}/byline`,
    pgStart,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    pgStop,
    stop: async () => {
      if (removed) return;
      removed = true;
      if (started) await pgStop({ mode: 'immediate' }).catch(() => stopSync(cluster));
      running.delete(cluster);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates an empty database `name` (owned by the url's user) on the cluster at `url` and returns its URL.
 * `name`: letters, digits and underscores.
 */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`createDatabase: invalid name ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}
