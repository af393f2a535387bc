import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { migrations } from './migrations';
import type { Engine, Tables } from './tables';

export type { Engine } from './tables';
export type Db = Kysely<Tables>;

export interface StoreOptions {
  /** postgres://… selects PostgreSQL; without it, SQLite at `dbPath`. */
  databaseUrl?: string;
  dbPath: string;
  poolMax?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** The site's language (BCP 47, content/site.json): which stemming search uses on PostgreSQL. */
  searchLanguage?: string;
  /** How many of the newest matches search ranks and counts (server/store/search.ts); tests set it small. */
  searchCandidates?: number;
}

/** One open database: the engine it runs on and the query builder over it. */
export interface Connection {
  engine: Engine;
  db: Db;
  close(): Promise<void>;
}

function sqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  // FULL makes every committed transaction durable before we acknowledge it (a 201 means on disk).
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
}

function postgres(url: string, options: StoreOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    // A 201 means committed and on disk, whatever the server's default says.
    options: '-c synchronous_commit=on',
  });
  // An idle client that loses its connection (the database restarted) must not crash the process.
  pool.on('error', (error) => console.error(`database: idle connection lost: ${error.message}`));
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

/** Connects to the engine the settings choose; nothing is read or written until the first query. */
export function connect(options: StoreOptions): Connection {
  const engine: Engine = options.databaseUrl ? 'postgres' : 'sqlite';
  const db = engine === 'postgres' ? postgres(options.databaseUrl!, options) : sqlite(options.dbPath);
  return { engine, db, close: () => db.destroy() };
}

/** The migrator of Byline's migrations on this store. */
export function migrator(store: Connection): Migrator {
  return new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations(store.engine) },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    // Entries from parallel branches may land with names that sort before ones a database already applied.
    allowUnorderedMigrations: true,
  });
}

/** Brings the schema up to date; several servers may call it at the same moment. */
export async function migrate(store: Connection): Promise<void> {
  const { error } = await migrator(store).migrateToLatest();
  if (error) throw error;
}
