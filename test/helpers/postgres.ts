/**
 * A real PostgreSQL server for tests: a throwaway cluster in a temp directory, on a free port of 127.0.0.1.
 *
 * Why it works as it does:
 * - It uses the distribution's own binaries (Debian's `postgresql` package puts `initdb` and `pg_ctl` in
 *   /usr/lib/postgresql/<version>/bin, off PATH; set PG_BIN to use others, e.g. on a Mac). Never a mock.
 * - PostgreSQL refuses to run as root. CI runs as root, so there every binary runs as the `postgres` user the
 *   package creates (`runuser -u postgres --`), in a directory chowned to it. Run as anyone else (a developer's
 *   machine) the binaries run directly as that user.
 * - `initdb --no-sync -A trust` makes a cluster; trust auth is safe because the server listens only on 127.0.0.1
 *   and on a unix socket inside the 0700 temp directory. fsync stays on: writes are as durable as in
 *   production, and "a 201 means committed" tests mean something.
 * - initdb runs once per machine: its output is kept as a template in the temp dir
 *   (byline-pg-template-<hash of binaries, arguments, user>) and each cluster starts from a `cp -a` of it,
 *   which costs a fraction of an initdb. A copy that will not start is replaced by a fresh initdb.
 * - The port comes from binding port 0 in Node, so parallel test files never collide; if another process takes
 *   it in between, the start is retried on a new port.
 * - Settings go into the cluster's postgresql.conf, so `pgStop()`/`pgStart()` bring back the same server on the
 *   same port and data ("the database goes away" tests).
 * - The tests connect as `byline` (LOGIN, CREATEDB, not a superuser) to database `byline`; `createDatabase`
 *   gives each suite its own empty database on one cluster.
 * - A cluster still running when the test process exits is stopped (immediate mode) so none is left behind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
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

function readLog(logFile: string): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
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
    child.once('error', (error) =>
      reject(
        new Error(
          `${name}: ${error.message} (PostgreSQL's initdb and pg_ctl are needed: apt-get install postgresql, or set PG_BIN)`,
        ),
      ),
    );
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

const INITDB_ARGS = ['-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C'];

/** uid and gid of the `postgres` user, which must own the cluster when we are root. */
function postgresOwner(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(
      execFileSync('id', [flag, 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('startPostgres: running as root needs the postgres user (apt-get install postgresql creates it)');
  }
}

/**
 * A pristine initdb output shared by every cluster on this machine, in the temp dir: copying it (cp -a) is
 * several times faster than initdb, most of all on a loaded CI machine. It is built in a scratch directory and
 * renamed into place only once initdb succeeded, so it is complete or absent; its name depends on the
 * binaries, the initdb arguments and the user, so an upgrade or another user gets its own. null: no template
 * (the caller runs initdb itself).
 */
async function clusterTemplate(bin: string, asPostgres: boolean): Promise<string | null> {
  const initdb = bin ? join(bin, 'initdb') : 'initdb';
  let stamp = '';
  try {
    stamp = String(statSync(initdb).mtimeMs);
  } catch {
    // initdb from PATH: the path and arguments still name the template.
  }
  const key = createHash('sha1')
    .update([bin, stamp, process.getuid?.() ?? '', ...INITDB_ARGS].join('\n'))
    .digest('hex')
    .slice(0, 12);
  const template = join(tmpdir(), `byline-pg-template-${key}`);
  const complete = () => existsSync(join(template, 'PG_VERSION')) && existsSync(join(template, 'global', 'pg_control'));
  if (complete()) return template;
  const scratch = mkdtempSync(join(tmpdir(), 'byline-pg-build-'));
  try {
    if (asPostgres) {
      const { uid, gid } = postgresOwner();
      chownSync(scratch, uid, gid);
    }
    await runPg(bin, 'initdb', ['-D', join(scratch, 'data'), ...INITDB_ARGS], scratch, asPostgres);
    renameSync(join(scratch, 'data'), template);
  } catch {
    // Another process put its template in place first (rename fails on a non-empty directory), or initdb
    // failed: then the caller's own initdb reports why.
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return complete() ? template : null;
}

/** Fills `dataDir` with a fresh cluster: a copy of the template, else initdb. Returns whether it was a copy. */
async function newDataDir(bin: string, asPostgres: boolean, dir: string, dataDir: string, useTemplate: boolean) {
  const template = useTemplate ? await clusterTemplate(bin, asPostgres) : null;
  if (template) {
    try {
      execFileSync('cp', ['-a', template, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
      return true;
    } catch {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  await runPg(bin, 'initdb', ['-D', dataDir, ...INITDB_ARGS], dir, asPostgres);
  return false;
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
  let fromTemplate: boolean;
  try {
    if (asPostgres) {
      const { uid, gid } = postgresOwner();
      chownSync(dir, uid, gid);
    }
    chmodSync(dir, 0o700);
    fromTemplate = await newDataDir(bin, asPostgres, dir, dataDir, true);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const cluster = { dataDir, bin, asPostgres };
  let port: number;
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
      // A copy that does not start (a template damaged by a temp cleaner, say): drop the template, initdb.
      const portTaken = /already in use|could not bind/i.test(`${String(error)}\n${readLog(logFile)}`);
      if (fromTemplate && !portTaken) {
        const template = await clusterTemplate(bin, asPostgres);
        if (template) rmSync(template, { recursive: true, force: true });
        rmSync(dataDir, { recursive: true, force: true });
        fromTemplate = await newDataDir(bin, asPostgres, dir, dataDir, false);
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
  try {
    await admin.connect();
    await admin.query('CREATE ROLE byline LOGIN CREATEDB');
    await admin.query('CREATE DATABASE byline OWNER byline');
  } catch (error) {
    stopSync(cluster);
    running.delete(cluster);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await admin.end().catch(() => {});
  }

  const pgStop = async (options: { mode?: 'smart' | 'fast' | 'immediate' } = {}) => {
    await runPg(
      bin,
      'pg_ctl',
      ['-D', dataDir, '-m', options.mode ?? 'fast', '-w', '-t', '60', 'stop'],
      dir,
      asPostgres,
    );
    started = false;
    running.delete(cluster);
  };

  let removed = false;
  return {
    url: `postgres://byline@127.0.0.1:${port}/byline`,
    pgStart,
    log: () => readLog(logFile),
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
