import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { Slug } from '../../src/schema';
import { apiError, clientAddress } from '../http';
import type { LiveEvents } from './events';
import { wholeNumber } from './wholeNumber';

/** Seconds a refused reader is told to wait: its page polls meanwhile. */
const RETRY_AFTER_SECONDS = 60;
/** Why a stream was refused, as the reader's page is told (it polls either way). */
const REFUSALS = {
  server: {
    status: 503,
    code: 'busy',
    message: 'This server has as many live streams open as it allows: the page asks for updates instead.',
  },
  address: {
    status: 429,
    code: 'too_many_streams',
    message: 'Your address has as many live streams open as one address may: the page asks for updates instead.',
  },
} as const;

/** What a browser's EventSource waits before it reconnects after the stream ends (the server drained). */
const RECONNECT_MS = 3000;

/**
 * `GET /api/stories/:slug/events?since=REV`: a story's updates as server-sent events, one `update` event (the
 * same JSON as /updates) at once and after each change, a comment line as heartbeat. Never cached: each stream
 * is one reader's. Mounted before the app's compress and ETag middleware, which would read the endless body.
 */
export function liveEventRoutes(events: LiveEvents, options: { trustProxy: boolean }) {
  const routes = new Hono();
  routes.get('/api/stories/:slug/events', async (c) => {
    const slug = c.req.param('slug');
    if (!Slug.safeParse(slug).success) return apiError(c, 400, 'bad_request', 'That is not a valid story address');
    const since = wholeNumber(c.req.query('since'), 0, 0);
    if (since === undefined) return apiError(c, 400, 'bad_request', 'since must be a revision: a whole number from 0');
    const admitted = events.admit(clientAddress(c, options.trustProxy));
    if ('refused' in admitted) {
      const refusal = REFUSALS[admitted.refused];
      return apiError(c, refusal.status, refusal.code, refusal.message, {
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
      });
    }
    let first;
    try {
      first = await events.updates(slug, since);
    } catch (error) {
      admitted.release();
      throw error;
    }
    if (!first) {
      admitted.release();
      return apiError(c, 404, 'not_found', `No story is published at "${slug}"`, {
        headers: { 'Cache-Control': 'no-store' },
      });
    }
    const response = streamSSE(c, async (stream) => {
      let finish: () => void = () => {};
      const done = new Promise<void>((resolve) => (finish = resolve));
      const write = (text: string) => {
        if (!stream.closed) stream.write(text).catch(finish);
      };
      const unwatch = events.watch({
        slug,
        rev: first.rev,
        send: (updates) => write(`event: update\ndata: ${JSON.stringify(updates)}\n\n`),
        end: finish,
      });
      stream.onAbort(finish);
      c.req.raw.signal.addEventListener('abort', finish);
      write(`retry: ${RECONNECT_MS}\nevent: update\ndata: ${JSON.stringify(first)}\n\n`);
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), events.heartbeatMs);
      await done;
      clearInterval(heartbeat);
      unwatch();
      admitted.release();
      if (!stream.closed) await stream.close();
    });
    response.headers.set('Cache-Control', 'no-store');
    // Tells nginx-style proxies not to hold the stream back in their buffers.
    response.headers.set('X-Accel-Buffering', 'no');
    return response;
  });
  return routes;
}
