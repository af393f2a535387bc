import type { Hono } from 'hono';
import type { Store } from './store';

/** What the load balancer is told: set by server/main.ts as the server starts and stops. */
export interface Readiness {
  /** The content files are in the database (synced here, or by the server that held the lock). */
  contentLoaded: boolean;
  /** Shutting down: readiness fails first, so the balancer stops sending requests before they are refused. */
  draining: boolean;
}

const PROBE_TIMEOUT_MS = 2000;
const noStore = { 'Cache-Control': 'no-store' };

/**
 * `GET /healthz`: the process answers (restart it when this fails). `GET /readyz`: send it requests (the
 * database answers a `SELECT 1`, the content is loaded, it is not shutting down); 503 with the reason otherwise.
 */
export function healthRoutes(app: Hono, health: Store['health'], readiness: Readiness) {
  app.get('/healthz', (c) => c.json({ status: 'alive' }, 200, noStore));

  app.get('/readyz', async (c) => {
    const notReady = (reason: string) => c.json({ status: 'unavailable', reason }, 503, noStore);
    if (readiness.draining) return notReady('shutting down');
    if (!readiness.contentLoaded) return notReady('content is not loaded yet');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        health.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      return notReady(`the database does not answer: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return c.json({ status: 'ready' }, 200, noStore);
  });
}
