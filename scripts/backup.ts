import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readConfig } from '../server/config';
import { postgresTool, runTool } from './db-tools';

/**
 * `npm run backup -- <file>`: a consistent copy of the database the settings choose, taken while servers run.
 * SQLite: its online backup API (the copy is a SQLite database). PostgreSQL: pg_dump's custom format
 * (restore with `npm run restore -- <file>`, or pg_restore). Written to a temporary name first, so a failed
 * backup never leaves a half file under the name asked for.
 */
async function main() {
  const target = process.argv[2];
  if (!target) throw new Error('usage: npm run backup -- <file>');
  const file = resolve(target);
  const config = readConfig();
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (config.databaseUrl) {
      runTool(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${config.databaseUrl}`]);
    } else {
      if (!existsSync(config.dbPath)) throw new Error(`no SQLite database at ${config.dbPath} (DB_PATH)`);
      const db = new Database(config.dbPath, { fileMustExist: true });
      try {
        await db.backup(partial);
      } finally {
        db.close();
      }
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  const engine = config.databaseUrl ? 'PostgreSQL (pg_dump custom format)' : `SQLite at ${config.dbPath}`;
  console.log(`backup: ${engine} written to ${file} (${statSync(file).size} bytes)`);
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
});
