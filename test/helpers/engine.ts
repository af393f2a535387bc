import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openStore, type Engine, type Store } from '../../server/store';
import { createDatabase } from './postgres';

/**
 * The engine this vitest project runs the suites on: the `unit-pg` project sets BYLINE_TEST_ENGINE=postgres and
 * starts one real cluster for the run (test/helpers/postgresGlobalSetup.ts); every other project uses SQLite.
 */
export const testEngine: Engine = process.env.BYLINE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A new empty database on the run's cluster for one app or store (undefined on SQLite, where each app has its
 * own file). The URL is known at once; `created` settles once the database exists, before the first query.
 */
export function freshDatabase(): { databaseUrl: string | undefined; created: Promise<void> } {
  if (testEngine !== 'postgres') return { databaseUrl: undefined, created: Promise.resolve() };
  const clusterUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), created: createDatabase(clusterUrl, name).then(() => undefined) };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** An empty, migrated store on the project's engine: SQLite in memory, or a new database on the run's cluster. */
export async function openTestStore(): Promise<Store> {
  const { databaseUrl, created } = freshDatabase();
  await created;
  return openStore({ dbPath: ':memory:', databaseUrl });
}
