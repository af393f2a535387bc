import { sql } from 'kysely';
import type { Db } from './open';
import type { Engine } from './tables';

/**
 * The advisory locks' key pairs (the two-number form keeps them apart from the comment checks' one-number locks):
 * one for content files, one for WordPress, so a long first sync of a large site does not hold up the files.
 */
const LOCKS = {
  content: sql`${sql.lit(20261130)}, ${sql.lit(11)}`,
  wordpress: sql`${sql.lit(20261130)}, ${sql.lit(12)}`,
};
export type ClusterLock = keyof typeof LOCKS;

export interface SyncOnceOptions {
  ifTaken?: 'skip' | 'wait';
  lock?: ClusterLock;
}

/**
 * Runs a sync alone across the cluster: on PostgreSQL the server that takes the advisory lock syncs. One that
 * finds it taken waits for the holder to finish, then skips (`ifTaken: 'skip'`: the data is then already in, as
 * for servers starting together) or syncs in its turn (`'wait'`: for an edit the holder may have scanned too early
 * to see). Syncs stay idempotent, so a server that syncs again changes nothing. SQLite has one server.
 */
export function syncOnceAcrossCluster(db: Db, engine: Engine) {
  return async function syncOnce<T>(
    sync: () => Promise<T>,
    { ifTaken = 'skip', lock = 'content' }: SyncOnceOptions = {},
  ): Promise<T | 'skipped'> {
    if (engine !== 'postgres') return sync();
    const key = LOCKS[lock];
    // A session lock lives on one connection: hold one for the lock while the sync runs on the pool.
    return db.connection().execute(async (connection) => {
      const { rows } = await sql<{ got: boolean }>`SELECT pg_try_advisory_lock(${key}) AS got`.execute(connection);
      if (!rows[0]?.got) {
        // However long the holder's sync takes: the statement timeout is for queries, not for this wait.
        await sql`SET statement_timeout = 0`.execute(connection);
        try {
          await sql`SELECT pg_advisory_lock(${key})`.execute(connection);
        } finally {
          await sql`RESET statement_timeout`.execute(connection);
        }
        if (ifTaken === 'skip') {
          await sql`SELECT pg_advisory_unlock(${key})`.execute(connection);
          return 'skipped';
        }
      }
      try {
        return await sync();
      } finally {
        await sql`SELECT pg_advisory_unlock(${key})`.execute(connection);
      }
    });
  };
}
