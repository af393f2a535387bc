import type { Db } from './open';

/** How often a server refreshes its row, and how long after its last refresh it counts as gone (it died). */
export const SERVER_HEARTBEAT_MS = 5_000;
export const SERVER_GONE_AFTER_MS = 20_000;

export interface RunningServer {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  seenAt: string;
}

/**
 * Which servers are using this database: each refreshes its row every few seconds and removes it when it stops;
 * a row not refreshed for a while is a server that died. Works the same on both engines and across machines.
 */
export function serverPresence(db: Db) {
  return {
    async beat(server: { id: string; host: string; pid: number; startedAt: string }): Promise<void> {
      const seen_at = new Date().toISOString();
      await db
        .insertInto('servers')
        .values({ id: server.id, host: server.host, pid: server.pid, started_at: server.startedAt, seen_at })
        .onConflict((oc) => oc.column('id').doUpdateSet({ seen_at }))
        .execute();
    },

    async leave(id: string): Promise<void> {
      await db.deleteFrom('servers').where('id', '=', id).execute();
    },

    /** Servers that refreshed their row lately: those still running. */
    async running(withinMs = SERVER_GONE_AFTER_MS): Promise<RunningServer[]> {
      const since = new Date(Date.now() - withinMs).toISOString();
      const rows = await db.selectFrom('servers').selectAll().where('seen_at', '>=', since).orderBy('id').execute();
      return rows.map((row) => ({
        id: row.id,
        host: row.host,
        pid: row.pid,
        startedAt: row.started_at,
        seenAt: row.seen_at,
      }));
    },
  };
}
