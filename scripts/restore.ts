import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readConfig } from '../server/config';
import { openStore } from '../server/store';
import { backupKind, inUseMessage, postgresTool, runTool } from './db-tools';

/**
 * `npm run restore -- <file>`: replaces the database the settings choose with a backup from `npm run backup`.
 * Refused while a server uses that database (servers keep a row fresh in it, server/store/servers.ts);
 * `--force` restores anyway. SQLite: copied back with the online backup API (it rewrites the file and its log
 * consistently). PostgreSQL: pg_restore drops and recreates Byline's tables in one transaction, so a restore
 * that fails changes nothing.
 */
async function main() {
  const target = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  if (!target) throw new Error('usage: npm run restore -- <file> [--force]');
  const file = resolve(target);
  if (!existsSync(file)) throw new Error(`no backup file at ${file}`);
  const config = readConfig();
  const kind = backupKind(file);
  const engine = config.databaseUrl ? 'postgres' : 'sqlite';
  if (kind === 'unknown')
    throw new Error(`${file} is not a Byline backup (neither a SQLite database nor a pg_dump custom-format file)`);
  if (kind !== engine) {
    throw new Error(
      `${file} is a ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup, but the settings choose ${
        engine === 'sqlite'
          ? `SQLite at ${config.dbPath} (set DATABASE_URL for PostgreSQL)`
          : 'PostgreSQL (DATABASE_URL)'
      }`,
    );
  }
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${config.dbPath}`;
  if (!process.argv.includes('--force')) {
    // Replacing the data under a running server breaks it (SQLite) or fights its connections (PostgreSQL).
    const store = await openStore({ databaseUrl: config.databaseUrl, dbPath: config.dbPath });
    try {
      const busy = inUseMessage(await store.servers.running(), where, `npm run restore -- ${target} --force`);
      if (busy) throw new Error(busy);
    } finally {
      await store.close();
    }
  }
  if (config.databaseUrl) {
    runTool(postgresTool('pg_restore'), [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${config.databaseUrl}`,
      file,
    ]);
  } else {
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const check = source.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
      mkdirSync(dirname(resolve(config.dbPath)), { recursive: true });
      await source.backup(config.dbPath);
    } finally {
      source.close();
    }
  }
  console.log(
    `restore: ${file} restored into ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${config.dbPath}`}`,
  );
}

main().catch((error: unknown) => {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exit(1);
});
