import { execFileSync } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../server/store';

/** What a backup file holds, from its first bytes: SQLite's header, or pg_dump's custom format. */
export function backupKind(file: string): 'sqlite' | 'postgres' | 'unknown' {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (header.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  return 'unknown';
}

/**
 * Where pg_dump and pg_restore are: $PG_BIN, else on PATH, else the newest of Debian's
 * /usr/lib/postgresql/<version>/bin (off PATH there). pg_dump must be at least as new as the server.
 */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, name);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin', name);
  }
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return name;
  } catch (error) {
    throw new Error(`${name} was not found: install PostgreSQL's client tools or set PG_BIN to their folder`, {
      cause: error,
    });
  }
}

/** Runs a PostgreSQL tool, passing its output through; throws with its exit code when it fails. */
export function runTool(tool: string, args: string[]): void {
  try {
    execFileSync(tool, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new Error(`${tool} failed${status === undefined ? `: ${(error as Error).message}` : ` (exit ${status})`}`, {
      cause: error,
    });
  }
}

/**
 * Why a tool that replaces or copies a database must not run now: the servers using it (each refreshes its row
 * every few seconds while it runs). Undefined when none is.
 */
export function inUseMessage(servers: readonly RunningServer[], where: string, force: string): string | undefined {
  if (servers.length === 0) return undefined;
  const seconds = (iso: string) => Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  const list = servers.map((server) => `${server.host} pid ${server.pid} (seen ${seconds(server.seenAt)} s ago)`);
  return (
    `${where} is in use by ${servers.length} running server${servers.length === 1 ? '' : 's'}: ${list.join(', ')}. ` +
    `Stop ${servers.length === 1 ? 'it' : 'them'} first (a server that died stops counting 20 s after its last ` +
    `sign of life), or run ${force} to go ahead anyway`
  );
}
