import { sql } from 'kysely';
import type { Db } from './open';
import type { Engine } from './tables';

/**
 * The migrator's own tables (each database has its own, written by its migrations), the running servers, and the
 * search index (built from the stories, in each engine's own form: the target builds its own when it next opens).
 */
const NOT_COPIED = new Set(['schema_migrations', 'schema_migrations_lock', 'servers', 'story_search', 'search_rows']);
const notCopied = (table: string) => NOT_COPIED.has(table) || table.startsWith('search_fts');
/** Settings rows that describe a derived structure (how the search index was built) rather than data. */
const DERIVED_SETTINGS = ['search_index'];
/** Only a table's data rows: the settings table without its derived rows. */
const dataRows = (table: string) =>
  table === 'settings' ? sql`WHERE ${sql.ref('key')} NOT IN (${sql.join(DERIVED_SETTINGS)})` : sql``;
/** Rows read and written at a time: bounds memory whatever the size of a table. */
const PAGE = 500;

type Row = Record<string, unknown>;

/** The engine's own answers about its tables: which exist, their keys, which refers to which. */
function catalogue(db: Db, engine: Engine) {
  return {
    async tables(): Promise<string[]> {
      const { rows } =
        engine === 'postgres'
          ? await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db)
          : await sql<{ name: string }>`SELECT name FROM sqlite_master
              WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db);
      return rows.map((row) => row.name).filter((name) => !notCopied(name));
    },

    async primaryKey(table: string): Promise<string[]> {
      const { rows } =
        engine === 'postgres'
          ? await sql<{ name: string }>`SELECT a.attname AS name FROM pg_index i
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
              WHERE i.indrelid = to_regclass(${table}) AND i.indisprimary
              ORDER BY array_position(i.indkey::int2[], a.attnum)`.execute(db)
          : await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(
              db,
            );
      return rows.map((row) => row.name);
    },

    /** The tables a table's foreign keys point at. */
    async references(table: string): Promise<string[]> {
      const { rows } =
        engine === 'postgres'
          ? await sql<{ name: string }>`SELECT confrelid::regclass::text AS name FROM pg_constraint
              WHERE contype = 'f' AND conrelid = to_regclass(${table})`.execute(db)
          : await sql<{ name: string }>`SELECT "table" AS name FROM pragma_foreign_key_list(${table})`.execute(db);
      return rows.map((row) => row.name).filter((name) => name !== table);
    },

    async count(table: string): Promise<number> {
      const { rows } = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)} ${dataRows(
        table,
      )}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
  };
}

/** Tables in an order that inserts every row after the rows it refers to. */
async function inInsertOrder(db: Db, engine: Engine): Promise<string[]> {
  const tables = await catalogue(db, engine).tables();
  const refs = new Map<string, string[]>();
  for (const table of tables) refs.set(table, await catalogue(db, engine).references(table));
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const target of refs.get(table) ?? []) if (refs.has(target)) visit(target, path);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, new Set());
  return ordered;
}

export interface TableCount {
  table: string;
  rows: number;
}

/**
 * Copying a whole database between engines, for `npm run db:copy`. The source side reads each table a page at a
 * time in primary-key order (a comment after the one it answers); the target side writes in one transaction, so
 * a copy that fails leaves the target as empty as it was.
 */
export function databaseCopy(db: Db, engine: Engine) {
  const tables = catalogue(db, engine);
  return {
    /** Every table of Byline's data, each after the tables it refers to, with its row count. */
    async counts(): Promise<TableCount[]> {
      const counts: TableCount[] = [];
      for (const table of await inInsertOrder(db, engine)) counts.push({ table, rows: await tables.count(table) });
      return counts;
    },

    async *rows(table: string): AsyncGenerator<Row[]> {
      const key = await tables.primaryKey(table);
      const order = sql.join(key.map((column) => sql.ref(column)));
      for (let offset = 0; ; offset += PAGE) {
        const { rows } = await sql<Row>`SELECT * FROM ${sql.table(table)} ${dataRows(table)} ORDER BY ${order}
          LIMIT ${PAGE} OFFSET ${offset}`.execute(db);
        if (rows.length > 0) yield rows;
        if (rows.length < PAGE) return;
      }
    },

    /**
     * Writes every table from `pages` in one transaction, ids as they are, checks each count against `expected`
     * (a mismatch undoes it all), and moves PostgreSQL's id sequences past the copied ids.
     */
    async load(expected: readonly TableCount[], pages: (table: string) => AsyncIterable<Row[]>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        // The target indexed its (empty) stories when it was opened: forgetting how rebuilds it at its next start.
        await sql`DELETE FROM settings WHERE ${sql.ref('key')} IN (${sql.join(DERIVED_SETTINGS)})`.execute(trx);
        for (const { table, rows } of expected) {
          for await (const page of pages(table)) {
            const columns = Object.keys(page[0]!);
            const values = page.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`);
            await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
              VALUES ${sql.join(values)}`.execute(trx);
          }
          const copied = await catalogue(trx, engine).count(table);
          if (copied !== rows)
            throw new Error(`${table}: ${rows} rows in the source, ${copied} copied; nothing was kept`);
        }
        if (engine === 'postgres') {
          const { rows: serial } = await sql<{ table_name: string; column_name: string }>`
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`.execute(
            trx,
          );
          for (const { table_name, column_name } of serial) {
            await sql`SELECT setval(pg_get_serial_sequence(${table_name}, ${column_name}),
              COALESCE((SELECT MAX(${sql.ref(column_name)}) FROM ${sql.table(table_name)}), 0) + 1, false)`.execute(
              trx,
            );
          }
        }
      });
    },
  };
}
