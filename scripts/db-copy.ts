import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore, type Store } from '../server/store';
import { inUseMessage } from './db-tools';

/**
 * `npm run db:copy -- <from> <to>`: copies every table of a Byline database into an empty one, each side a SQLite
 * file path or a postgres:// URL (SQLite to PostgreSQL, back, or the same engine). Ids are kept, PostgreSQL's id
 * sequences continue after them, and each table's count is checked and printed. The target is written in one
 * transaction: a copy that fails leaves it empty. Stop the servers on both first.
 */
const isUrl = (where: string) => /^postgres(ql)?:\/\//i.test(where);
/** A URL without its password, for messages. */
const shown = (where: string) => {
  if (!isUrl(where)) return `SQLite at ${resolve(where)}`;
  const url = new URL(where);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
};
const open = (where: string) =>
  openStore(isUrl(where) ? { databaseUrl: where, dbPath: '' } : { dbPath: resolve(where) });

async function main() {
  const [from, to] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  if (!from || !to)
    throw new Error('usage: npm run db:copy -- <from> <to> (each a SQLite file path or a postgres:// URL)');
  if (!isUrl(from) && !existsSync(from)) throw new Error(`no SQLite database at ${resolve(from)}`);
  if (isUrl(from) ? from === to : resolve(from) === resolve(to))
    throw new Error('<from> and <to> are the same database');
  const stores: Store[] = [];
  try {
    const source = await open(from);
    stores.push(source);
    const target = await open(to);
    stores.push(target);
    if (!process.argv.includes('--force')) {
      for (const [store, where] of [
        [source, from],
        [target, to],
      ] as const) {
        const busy = inUseMessage(
          await store.servers.running(),
          shown(where),
          'npm run db:copy -- <from> <to> --force',
        );
        if (busy) throw new Error(busy);
      }
    }
    const targetCounts = await target.copy.counts();
    const filled = targetCounts.filter((count) => count.rows > 0);
    if (filled.length > 0) {
      throw new Error(
        `${shown(to)} is not empty (${filled.map(({ table, rows }) => `${table}: ${rows} rows`).join(', ')}); ` +
          'db:copy only fills an empty database: give it a new one',
      );
    }
    const counts = await source.copy.counts();
    const targetTables = new Set(targetCounts.map(({ table }) => table));
    const missing = counts.find(({ table }) => !targetTables.has(table));
    if (missing) throw new Error(`${shown(to)} has no table ${missing.table}: is it the same version of Byline?`);
    console.log(`db:copy: ${shown(from)} -> ${shown(to)}`);
    await target.copy.load(counts, (table) => source.copy.rows(table));
    const after = new Map((await target.copy.counts()).map(({ table, rows }) => [table, rows]));
    for (const { table, rows } of counts) {
      if (after.get(table) !== rows)
        throw new Error(`${table}: ${rows} rows in the source, ${after.get(table)} in the target`);
      console.log(`  ${table}: ${rows} row${rows === 1 ? '' : 's'}, same in both`);
    }
    console.log(`db:copy: ${counts.length} tables copied, every count checked`);
  } finally {
    for (const store of stores) await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`db:copy failed: ${(error as Error).message}`);
  process.exit(1);
});
