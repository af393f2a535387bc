import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../../test/helpers/content';
import { createApp } from '../app';
import { changeKey, createChanges } from '../changes';
import { syncFiles } from '../sources';
import { openStore, type Store } from '../store';
import { createLiveEvents } from './events';
import { scratchDir } from '../../test/helpers/scratch';

const contentDir = writeContentDir({
  authors: [makeAuthor()],
  stories: {
    ...relatedSet(),
    'storm-events': makeStory('storm-events', {
      related: ['story-1', 'story-2', 'story-3'],
      live: { status: 'live', startedAt: '2026-12-07T09:00:00Z' },
      entries: [
        {
          id: 'first',
          at: '2026-12-07T09:05:00Z',
          blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'From the file' }] }],
        },
      ],
    }),
  },
});

let store: Store | undefined;
let server: ServerType | undefined;
afterAll(async () => {
  server?.close();
  await store?.close();
});

/** The app with live events on a real HTTP server, on a fresh store of the content above. */
async function serveEvents(limits: { maxConnections: number; maxPerAddress: number; trustProxy: boolean }) {
  server?.close();
  await store?.close();
  store = await openStore({ dbPath: join(scratchDir('events'), 'byline.db') });
  const changes = createChanges();
  await syncFiles(store.content(changes), contentDir);
  const { maxConnections, maxPerAddress, trustProxy } = limits;
  const events = createLiveEvents({
    live: store.live,
    changes,
    pollSeconds: 5,
    maxConnections,
    maxPerAddress,
    heartbeatMs: 200,
  });
  const app = createApp({
    store,
    changes,
    liveEvents: events,
    config: { distDir: join(contentDir, 'no-dist'), adminToken: undefined, commentFloodSeconds: 0, trustProxy },
    log: () => {},
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server!.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stories/storm-events/events`;
  return { events, changes, url };
}

const until = async (check: () => boolean, ms = 3000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('live events on a real HTTP server', () => {
  it('frees a stream the moment its reader goes, and tells the others of a change another server made', async () => {
    const { events, changes, url } = await serveEvents({ maxConnections: 1, maxPerAddress: 1, trustProxy: false });

    const reader = new AbortController();
    const response = await fetch(url, { signal: reader.signal });
    expect(response.status).toBe(200);
    expect(events.open).toBe(1);
    expect((await fetch(url)).status).toBe(503);
    const body = response.body!.getReader();
    let text = '';
    const readUntil = async (pattern: RegExp | ((text: string) => boolean)) => {
      const seen = typeof pattern === 'function' ? pattern : (all: string) => pattern.test(all);
      while (!seen(text)) {
        const { value, done } = await body.read();
        if (done) throw new Error(`ended before ${pattern}: ${text}`);
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil(/retry: 3000\nevent: update\ndata: \{"rev":1,/);
    await readUntil(/: heartbeat\n\n/);
    // A comment approved on another server reaches this one through the cluster channel as received keys.
    changes.receive([changeKey.comments('storm-events')]);
    await readUntil((all) => all.split('event: update').length === 3);

    reader.abort();
    await until(() => events.open === 0);
    const again = await fetch(url);
    expect(again.status).toBe(200);
    events.close();
    // Draining ends the stream: the body finishes.
    const rest = await again.text();
    expect(rest).toContain('event: update');
    expect((await fetch(url)).status).toBe(503);
  });

  it('holds at most LIVE_EVENTS_PER_ADDRESS streams for one address, and gives the room back when one ends', async () => {
    const { events, url } = await serveEvents({ maxConnections: 10, maxPerAddress: 2, trustProxy: true });
    // Behind a trusted proxy, the address is the one the proxy saw (the last in X-Forwarded-For).
    const from = (address: string, signal?: AbortSignal) =>
      fetch(url, { headers: { 'X-Forwarded-For': `198.51.100.1, ${address}` }, signal });
    const readers = [new AbortController(), new AbortController()];
    for (const reader of readers) expect((await from('203.0.113.7', reader.signal)).status).toBe(200);
    const refused = await from('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_streams');
    // Another reader is not held back by the first one's streams.
    const neighbour = new AbortController();
    expect((await from('203.0.113.8', neighbour.signal)).status).toBe(200);
    expect(events.open).toBe(3);

    readers[0]!.abort();
    await until(() => events.open === 2);
    const again = new AbortController();
    expect((await from('203.0.113.7', again.signal)).status).toBe(200);
    for (const reader of [readers[1]!, neighbour, again]) reader.abort();
    await until(() => events.open === 0);
    events.close();
  });
});
