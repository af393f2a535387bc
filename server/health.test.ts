import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/schema';
import { contentFiles, seedContent } from '../test/helpers/content';
import { startPostgres, type RunningPostgres } from '../test/helpers/postgres';
import { createApp } from './app';
import { createChanges } from './changes';
import type { Readiness } from './health';
import { openStore, type Store } from './store';
import { changeKey } from './changes';
import { scratchDir } from '../test/helpers/scratch';

const root = join(import.meta.dirname, '..');
const contentDir = join(root, 'content');
const content = contentFiles(contentDir);
const slug = content.stories[0]!.slug;
const config = { distDir: join(root, 'no-dist'), adminToken: undefined, commentFloodSeconds: 0, trustProxy: false };

async function appOn(store: Store, readiness: Readiness = { contentLoaded: true, draining: false }) {
  await seedContent(store, contentDir);
  const logs: string[] = [];
  const changes = createChanges();
  return { app: createApp({ store, changes, config, readiness, log: (m) => logs.push(m) }), logs, readiness, changes };
}

const postComment = (app: ReturnType<typeof createApp>, text: string) =>
  app.request(`/api/stories/${slug}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text, name: 'Ines', email: `ines.${text.length}.${Date.now()}@example.com` }),
  });

describe('health endpoints', () => {
  it('say alive and ready, then not ready while content loads or the server drains', async () => {
    const store = await openStore({ dbPath: join(scratchDir('health'), 'h.db') });
    const { app, readiness } = await appOn(store, { contentLoaded: false, draining: false });
    try {
      const alive = await app.request('/healthz');
      expect(alive.status).toBe(200);
      expect(await alive.json()).toEqual({ status: 'alive' });
      expect(alive.headers.get('cache-control')).toBe('no-store');

      const loading = await app.request('/readyz');
      expect(loading.status).toBe(503);
      expect(await loading.json()).toEqual({ status: 'unavailable', reason: 'content is not loaded yet' });
      readiness.contentLoaded = true;
      expect((await app.request('/readyz')).status).toBe(200);
      readiness.draining = true;
      const draining = await app.request('/readyz');
      expect(draining.status).toBe(503);
      expect(await draining.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
      expect((await app.request('/healthz')).status).toBe(200);
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL going away and coming back', () => {
  let postgres: RunningPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(() => postgres?.stop());

  it('keeps cached reads serving, answers writes 503 with Retry-After, and recovers by itself', async () => {
    const store = await openStore({ dbPath: ':memory:', databaseUrl: postgres.url, connectTimeoutMs: 1000 });
    const { app, logs, changes } = await appOn(store);
    try {
      const story = await app.request(`/api/stories/${slug}`);
      expect(story.status).toBe(200);
      const tag = story.headers.get('etag');
      const comments = await app.request(`/api/stories/${slug}/comments`);
      expect(comments.status).toBe(200);
      expect((await postComment(app, 'Before the outage.')).status).toBe(201);
      // That post was held for moderation: nothing readers see changed, so the cached answers are still current.

      await postgres.pgStop();
      // A change heard while the database is away (the cluster channel does this when it reconnects): the cached
      // answers are stale, and fetching fresh ones fails, so the last ones are served.
      changes.publish([changeKey.any]);

      const cached = await app.request(`/api/stories/${slug}`);
      expect(cached.status).toBe(200);
      expect(cached.headers.get('etag')).toBe(tag);
      expect((await app.request(`/api/stories/${slug}/comments`)).status).toBe(200);

      const write = await postComment(app, 'During the outage.');
      expect(write.status).toBe(503);
      expect(write.headers.get('retry-after')).toBe('5');
      const { error } = ApiError.parse(await write.json());
      expect(error.code).toBe('unavailable');
      expect(error.message).toMatch(/could not be saved: our database is not answering/);

      // A read nothing cached yet has no answer to fall back on.
      const uncached = await app.request('/api/stories?limit=2');
      expect(uncached.status).toBe(503);
      expect(ApiError.parse(await uncached.json()).error.code).toBe('unavailable');

      const ready = await app.request('/readyz');
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toMatch(/^the database does not answer/);
      expect(logs.some((line) => line.startsWith('unavailable: POST'))).toBe(true);
      expect(logs.some((line) => line.startsWith('error:'))).toBe(false);

      await postgres.pgStart();

      expect((await app.request('/readyz')).status).toBe(200);
      const after = await postComment(app, 'After the outage.');
      expect(after.status, await after.clone().text()).toBe(201);
      expect((await app.request('/api/stories?limit=2')).status).toBe(200);
    } finally {
      await store.close();
    }
  }, 60_000);
});
