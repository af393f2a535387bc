import { sql } from 'kysely';
import type { Db } from './open';

/** The database's own answer to "are you there?", for readiness probes. */
export const healthChecks = (db: Db) => ({
  ping: async (): Promise<void> => {
    await sql`SELECT 1`.execute(db);
  },
});
