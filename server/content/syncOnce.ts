import { sql } from 'kysely';
import type { Store } from '../store/open';

/** The advisory lock's key pair (the two-number form keeps it apart from the comment checks' one-number locks). */
const LOCK = sql`${sql.lit(20261130)}, ${sql.lit(11)}`;

/**
 * Runs a content sync once across the cluster: on PostgreSQL the server that takes the advisory lock syncs,
 * and one that finds it taken waits for the holder to finish and skips (the data is then already in). The sync
 * stays idempotent, so a server that starts later and syncs again changes nothing. SQLite has one server.
 */
export async function syncOnceAcrossCluster<T>(store: Store, sync: () => Promise<T>): Promise<T | 'skipped'> {
  if (store.engine !== 'postgres') return sync();
  // A session lock lives on one connection: hold one for the lock while the sync runs on the pool.
  return store.db.connection().execute(async (connection) => {
    const { rows } = await sql<{ got: boolean }>`SELECT pg_try_advisory_lock(${LOCK}) AS got`.execute(connection);
    if (!rows[0]?.got) {
      // However long the holder's sync takes: the statement timeout is for queries, not for this wait.
      await sql`SET statement_timeout = 0`.execute(connection);
      try {
        await sql`SELECT pg_advisory_lock(${LOCK})`.execute(connection);
        await sql`SELECT pg_advisory_unlock(${LOCK})`.execute(connection);
      } finally {
        await sql`RESET statement_timeout`.execute(connection);
      }
      return 'skipped';
    }
    try {
      return await sync();
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK})`.execute(connection);
    }
  });
}
