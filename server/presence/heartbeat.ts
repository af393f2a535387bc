import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SERVER_HEARTBEAT_MS, type Store } from '../store';

/**
 * Keeps this server's row in the store fresh while it runs and removes it when it stops, so `npm run restore`
 * and `npm run db:copy` refuse to replace a database a server is using. A server that dies leaves a row that
 * stops counting once it is stale (server/store/servers.ts).
 */
export async function startPresence(
  store: Pick<Store, 'servers'>,
  { everyMs = SERVER_HEARTBEAT_MS, warn = console.warn }: { everyMs?: number; warn?: (line: string) => void } = {},
) {
  const me = { id: randomUUID(), host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  let failing = false;
  const beat = async () => {
    try {
      await store.servers.beat(me);
      failing = false;
    } catch (error) {
      // Once per outage: the database being away is logged by whatever else needs it.
      if (!failing) warn(`presence: could not refresh this server's row: ${(error as Error).message}`);
      failing = true;
    }
  };
  await beat();
  const timer = setInterval(() => void beat(), everyMs);
  timer.unref();
  return {
    /** Stops refreshing and removes the row; never throws (the database may be away at shutdown). */
    async stop(): Promise<void> {
      clearInterval(timer);
      await store.servers.leave(me.id).catch(() => undefined);
    },
  };
}
