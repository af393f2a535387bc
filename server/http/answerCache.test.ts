import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createTestApp } from '../../test/helpers/app';
import { changeKey, createChanges } from '../changes';
import { createCommentRepository } from '../comments';
import { commentRoutes, createCommentPoster } from '../comments';
import { answerKey, createResponseCache } from './answerCache';

const TOKEN = 'cache-test-token-0123456789abcde';

describe('cached API answers', () => {
  it('serve the same tagged answer, compressed as asked, until an approval changes what readers see', async () => {
    const { app, content } = createTestApp({ config: { adminToken: TOKEN, commentFloodSeconds: 0 } });
    const slug = content.stories[0]!.slug;
    const path = `/api/stories/${slug}`;

    const plain = await app.request(path);
    const tag = plain.headers.get('etag');
    // Tagged like pages, so a change to the story purges its JSON from shared caches too.
    expect(plain.headers.get('xkey')?.split(' ')).toContain(`story:${slug}`);
    const body = await plain.text();
    expect(JSON.parse(body).commentCount).toBe(0);

    const br = await app.request(path, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('etag')).toBe(tag);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(body);
    const gzip = await app.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(body);
    expect((await app.request(path, { headers: { 'If-None-Match': tag! } })).status).toBe(304);

    // A pending comment changes nothing readers see; its approval does, at once.
    const posted = await app.request(`/api/stories/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Worth caching?', name: 'Cato', email: 'cato@example.com' }),
    });
    const { comment } = (await posted.json()) as { comment: { id: number } };
    expect((await app.request(path)).headers.get('etag')).toBe(tag);
    const comments = await app.request(`/api/stories/${slug}/comments`);
    expect(((await comments.json()) as { total: number }).total).toBe(0);

    await app.request(`/api/admin/comments/${comment.id}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const after = await app.request(path, { headers: { 'If-None-Match': tag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(tag);
    expect(((await after.json()) as { commentCount: number }).commentCount).toBe(1);
    const listed = await app.request(`/api/stories/${slug}/comments`);
    expect(((await listed.json()) as { total: number }).total).toBe(1);
  });
});

describe('the API answer cache bounds (issue 21 row 3)', { timeout: 120_000 }, () => {
  /** The real comments route on the test app's store, with a cache of `budget` bytes the test can read. */
  async function commentsApi(budget: number) {
    const { store, ready, content } = createTestApp();
    await ready;
    const changes = createChanges();
    const cache = createResponseCache(changes, budget);
    const stories = store.stories;
    const comments = createCommentRepository(store, changes);
    const poster = createCommentPoster(stories, comments, { floodSeconds: 0, trustProxy: false, log: () => {} });
    const api = new Hono().route('/api', commentRoutes(stories, comments, cache, poster));
    const slug = content.stories[0]!.slug;
    // 50 approved comments of 60 KB each: one page of the list is a 3 MB answer.
    const text = 'w'.repeat(60 * 1024);
    await store.db
      .insertInto('comments')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          story_slug: slug,
          parent_id: null,
          name: `Reader ${i}`,
          email: `reader${i}@example.com`,
          website: null,
          text,
          status: 'approved' as const,
          ip_hash: 'test',
          created_at: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
          wordpress_id: null,
          idempotency_key: null,
          answered_status: null,
        })),
      )
      .execute();
    return { api, cache, path: `/api/stories/${slug}/comments` };
  }

  it('keeps one answer for 800 distinct ?x=N on the comments API', async () => {
    const { api, cache, path } = await commentsApi(32 * 1024 * 1024);
    const first = await api.request(path);
    expect(first.status).toBe(200);
    const size = (await first.arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(50 * 60 * 1024);
    const held = cache.bytes;
    expect(held).toBeGreaterThanOrEqual(size);
    for (let n = 0; n < 800; n++) {
      const response = await api.request(`${path}?x=${n}&utm_source=${n}&cursor=0${n % 2 ? '' : '0'}`);
      expect(response.status).toBe(200);
      await response.body?.cancel();
    }
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(held);
  });

  it('holds big answers within its byte budget, counting compressed copies', async () => {
    const budget = 8 * 1024 * 1024;
    const { api, cache, path } = await commentsApi(budget);
    const plain = await api.request(path);
    const size = (await plain.arrayBuffer()).byteLength;
    const before = cache.bytes;
    const br = await api.request(path, { headers: { 'Accept-Encoding': 'br' } });
    const brSize = (await br.arrayBuffer()).byteLength;
    // The brotli copy is kept and counted.
    expect(cache.bytes).toBeGreaterThanOrEqual(before + brSize);
    // Distinct real cursors are distinct answers, together far more than the budget: old ones make way.
    let total = size;
    for (let cursor = 1; cursor <= 30; cursor++) {
      const response = await api.request(`${path}?cursor=${cursor}`);
      expect(response.status).toBe(200);
      total += (await response.arrayBuffer()).byteLength;
      expect(cache.bytes).toBeLessThanOrEqual(budget);
    }
    expect(total).toBeGreaterThan(4 * budget);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(31);
  });
});

describe('reads under way (one read per answer, however many readers ask at once)', () => {
  /**
   * One route over a cache, whose data the test holds back until it opens the gate, so requests are sure to
   * arrive while a read is under way. `version` is the data's own: what a publish changes.
   */
  function gatedApi() {
    const changes = createChanges();
    const cache = createResponseCache(changes);
    const seen = { reads: 0, limited: 0, failNext: false, version: 1 };
    let open: () => void = () => {};
    let gate = Promise.resolve();
    const api = new Hono().get('/answer', async (c) => {
      const response = await cache(c, {
        cacheControl: 'no-cache',
        produce: async () => {
          seen.reads++;
          const version = seen.version;
          const fail = seen.failNext;
          seen.failNext = false;
          await gate;
          if (fail) throw new Error('the read failed');
          return { version };
        },
        keys: () => [changeKey.story('gated')],
        beforeRead: () => {
          seen.limited++;
          return undefined;
        },
      });
      return response ?? c.notFound();
    });
    const hold = () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    };
    const release = () => open();
    /**
     * Sends a request and waits until its handler has run up to the read (the route's own awaits are
     * microtasks); the answer comes wrapped, so awaiting the send does not await the answer.
     */
    const ask = async () => {
      const answer = Promise.resolve(api.request('/answer'));
      await new Promise((resolve) => setImmediate(resolve));
      return { answer };
    };
    return { changes, seen, hold, release, ask };
  }
  const versionOf = async ({ answer }: { answer: Promise<Response> }) => {
    const response = await answer;
    expect(response.status).toBe(200);
    return ((await response.json()) as { version: number }).version;
  };

  it('shares one read among the requests that arrive while it is under way, and counts only that one', async () => {
    const { seen, hold, release, ask } = gatedApi();
    hold();
    const answers = [];
    for (let n = 0; n < 20; n++) answers.push(await ask());
    expect(seen.reads).toBe(1);
    release();
    const versions = await Promise.all(answers.map(versionOf));
    expect(versions).toEqual(Array(20).fill(1));
    // Only the request that started the read was asked about its limit.
    expect(seen.limited).toBe(1);
    expect(seen.reads).toBe(1);
    // Kept now: no new read, no limit asked.
    expect(await versionOf(await ask())).toBe(1);
    expect(seen.reads).toBe(1);
    expect(seen.limited).toBe(1);
  });

  it('does not hand a read begun before a change to a request that comes after it', async () => {
    const { changes, seen, hold, release, ask } = gatedApi();
    hold();
    const before = await ask();
    seen.version = 2;
    changes.publish([changeKey.story('gated')]);
    const after = await ask();
    expect(seen.reads).toBe(2);
    release();
    expect(await versionOf(before)).toBe(1);
    expect(await versionOf(after)).toBe(2);
    // What is kept is the read begun after the change.
    expect(await versionOf(await ask())).toBe(2);
    expect(seen.reads).toBe(2);
  });

  it('keeps an answer through changes to what it does not show, and reads it again after one to what it does', async () => {
    const { changes, seen, ask } = gatedApi();
    expect(await versionOf(await ask())).toBe(1);
    // A comment on another story: nothing this answer shows.
    changes.publish([changeKey.story('elsewhere'), changeKey.comments('elsewhere')]);
    expect(await versionOf(await ask())).toBe(1);
    expect(seen.reads).toBe(1);
    seen.version = 2;
    changes.publish([changeKey.story('gated')]);
    expect(await versionOf(await ask())).toBe(2);
    expect(seen.reads).toBe(2);
    expect(seen.limited).toBe(2);
  });

  it('fails every request waiting on a failed read, and the next request reads again', async () => {
    const { seen, hold, release, ask } = gatedApi();
    hold();
    seen.failNext = true;
    const waiting = [await ask(), await ask(), await ask()];
    expect(seen.reads).toBe(1);
    release();
    for (const response of await Promise.all(waiting.map(({ answer }) => answer))) expect(response.status).toBe(500);
    expect(await versionOf(await ask())).toBe(1);
    expect(seen.reads).toBe(2);
  });
});

describe('the API answer key', () => {
  it('is the path and the values the route read, in a fixed order, and nothing else', () => {
    expect(answerKey('/api/stories', { limit: 12, cursor: undefined })).toBe('/api/stories?limit=12');
    expect(answerKey('/api/stories', { limit: 12, cursor: 'abc' })).toBe(
      answerKey('/api/stories', { cursor: 'abc', limit: 12 }),
    );
    expect(answerKey('/api/stories/a/comments')).toBe('/api/stories/a/comments');
  });
});
