import { afterEach, describe, expect, it } from 'vitest';
import { createWordPressClient, WordPressError } from './client';
import { listPage, startTestServer, type TestServer } from '../../../test/doubles/wordpress/testServer';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noSleep = async () => undefined;
const collect = async (pages: AsyncGenerator<unknown[]>) => {
  const out: unknown[][] = [];
  for await (const page of pages) out.push(page);
  return out;
};
const numbers = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index + 1 }));

describe('paging', () => {
  it('pages through a list with per_page=100 and X-WP-TotalPages, in order, counting requests', async () => {
    const items = numbers(250);
    server = await startTestServer((url) => listPage(items, Number(url.searchParams.get('page'))));
    const client = createWordPressClient({ baseUrl: `${server.baseUrl}/`, sleep: noSleep });
    const pages = await collect(client.pages('tags'));
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(pages.flat()).toEqual(items);
    expect(server.seen.map((url) => `${url.pathname}?${url.searchParams}`)).toEqual([
      '/wp-json/wp/v2/tags?per_page=100&page=1',
      '/wp-json/wp/v2/tags?per_page=100&page=2',
      '/wp-json/wp/v2/tags?per_page=100&page=3',
    ]);
    expect(client.requests).toBe(3);
  });

  it('keeps at most 4 requests in flight, and does use them in parallel', async () => {
    const items = numbers(1200);
    server = await startTestServer((url) => ({
      ...listPage(items, Number(url.searchParams.get('page'))),
      delayMs: 30,
    }));
    const client = createWordPressClient({ baseUrl: server.baseUrl, sleep: noSleep });
    // Two lists at once: the limit is the client's, not each list's.
    const [a, b] = await Promise.all([collect(client.pages('posts')), collect(client.pages('comments'))]);
    expect(a.flat()).toHaveLength(1200);
    expect(b.flat()).toHaveLength(1200);
    expect(server.maxInFlight).toBe(4);
  });

  it('goes on until a short page when a proxy strips X-WP-TotalPages', async () => {
    const items = numbers(200);
    server = await startTestServer((url) => ({ body: listPage(items, Number(url.searchParams.get('page'))).body }));
    const client = createWordPressClient({ baseUrl: server.baseUrl, sleep: noSleep });
    expect((await collect(client.pages('tags'))).map((page) => page.length)).toEqual([100, 100]);
    expect(client.requests).toBe(3);
  });

  it('asks for posts changed after a date, newest change first, with author, terms and image embedded', async () => {
    server = await startTestServer(() => listPage([], 1));
    const client = createWordPressClient({ baseUrl: server.baseUrl, sleep: noSleep });
    await collect(client.posts({ modifiedAfter: '2026-11-20T00:00:00Z' }));
    await collect(client.postIndex());
    const [posts, index] = server.seen.map((url) => Object.fromEntries(url.searchParams));
    expect(posts).toMatchObject({
      modified_after: '2026-11-20T00:00:00Z',
      orderby: 'modified',
      order: 'desc',
      _embed: 'author,wp:featuredmedia,wp:term',
    });
    expect(index).toMatchObject({ _fields: 'id,slug,date_gmt,modified_gmt,categories,tags', per_page: '100' });
  });
});

describe('failures', () => {
  it('retries a 5xx with exponential backoff, then succeeds', async () => {
    let calls = 0;
    server = await startTestServer(() =>
      ++calls < 3 ? { status: 503, body: { message: 'busy' } } : listPage([{ id: 1 }], 1),
    );
    const waits: number[] = [];
    const client = createWordPressClient({
      baseUrl: server.baseUrl,
      backoffMs: 100,
      sleep: async (ms) => void waits.push(ms),
    });
    expect((await collect(client.pages('posts'))).flat()).toEqual([{ id: 1 }]);
    expect(waits).toEqual([100, 200]);
    expect(client.requests).toBe(3);
  });

  it('retries a dropped connection and an answer that is not JSON', async () => {
    let calls = 0;
    server = await startTestServer(
      () => [{ fail: 'reset' as const }, { raw: '<html>Bad gateway</html>' }, listPage([{ id: 2 }], 1)][calls++]!,
    );
    const client = createWordPressClient({ baseUrl: server.baseUrl, sleep: noSleep });
    expect((await collect(client.pages('posts'))).flat()).toEqual([{ id: 2 }]);
    expect(client.requests).toBe(3);
  });

  it('gives up after the retries with one clear error', async () => {
    server = await startTestServer(() => ({ status: 500, body: { message: 'Database error' } }));
    const client = createWordPressClient({ baseUrl: server.baseUrl, retries: 2, sleep: noSleep });
    await expect(collect(client.pages('posts'))).rejects.toThrow('WordPress answered 500: Database error');
    expect(client.requests).toBe(3);
  });

  it('times a request out', async () => {
    server = await startTestServer(() => ({ fail: 'hang' }));
    const client = createWordPressClient({ baseUrl: server.baseUrl, timeoutMs: 50, retries: 1, sleep: noSleep });
    await expect(client.get('posts')).rejects.toThrow('WordPress could not be reached: no answer within 50 ms');
    expect(client.requests).toBe(2);
  });

  it('does not retry a 4xx', async () => {
    server = await startTestServer(() => ({
      status: 404,
      body: { code: 'rest_post_invalid_id', message: 'Invalid post ID.' },
    }));
    const client = createWordPressClient({ baseUrl: server.baseUrl, sleep: noSleep });
    const error = await client.draft(99).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WordPressError);
    expect((error as WordPressError).status).toBe(404);
    expect(client.requests).toBe(1);
  });

  it('refuses a list that is not a list', async () => {
    server = await startTestServer(() => ({ body: { posts: [] } }));
    const client = createWordPressClient({ baseUrl: server.baseUrl, sleep: noSleep });
    await expect(collect(client.pages('posts'))).rejects.toThrow('not a list');
  });
});

describe('preview requests', () => {
  it('sends the application password for drafts and revisions only', async () => {
    server = await startTestServer((url) =>
      url.pathname.endsWith('/revisions') ? { body: [{ id: 30 }, { id: 29 }] } : listPage([{ id: 12 }], 1),
    );
    const client = createWordPressClient({
      baseUrl: server.baseUrl,
      auth: { user: 'admin', password: 'abcd efgh' },
      sleep: noSleep,
    });
    await collect(client.posts());
    await client.draft(12);
    expect(await client.latestRevision(4)).toEqual({ id: 30 });
    const basic = `Basic ${Buffer.from('admin:abcd efgh').toString('base64')}`;
    expect(server.authorizations).toEqual([undefined, basic, basic]);
    expect(server.seen[1]?.searchParams.get('context')).toBe('edit');
    expect(server.seen[2]?.pathname).toBe('/wp-json/wp/v2/posts/4/revisions');
  });

  it('reads scheduled posts with the application password only when asked to, in every list of posts', async () => {
    server = await startTestServer(() => ({ ...listPage([{ id: 12 }], 1), headers: { 'X-WP-Total': '1' } }));
    const auth = { user: 'admin', password: 'abcd efgh' };
    const client = createWordPressClient({ baseUrl: server.baseUrl, auth, readScheduled: true, sleep: noSleep });
    await collect(client.posts());
    await collect(client.postIndex());
    await collect(client.postsById([12]));
    expect(await client.publishedCount()).toBe(1);
    await collect(client.comments());
    const basic = `Basic ${Buffer.from('admin:abcd efgh').toString('base64')}`;
    expect(server.seen.map((url) => url.searchParams.get('status'))).toEqual([
      'publish,future',
      'publish,future',
      'publish,future',
      'publish,future',
      null,
    ]);
    expect(server.authorizations).toEqual([basic, basic, basic, basic, undefined]);
    // Without the password there is nothing to read them with: public reads as ever.
    const anonymous = createWordPressClient({ baseUrl: server.baseUrl, readScheduled: true, sleep: noSleep });
    await collect(anonymous.posts());
    expect(server.seen.at(-1)?.searchParams.get('status')).toBeNull();
    expect(server.authorizations.at(-1)).toBeUndefined();
  });

  it('fetches media by id, a hundred a request', async () => {
    server = await startTestServer((url) => ({
      body: (url.searchParams.get('include') ?? '').split(',').map((id) => ({ id: Number(id) })),
    }));
    const client = createWordPressClient({ baseUrl: server.baseUrl, sleep: noSleep });
    const ids = Array.from({ length: 150 }, (_, index) => index + 1);
    expect(await client.media([...ids, 1, 0])).toHaveLength(150);
    expect(client.requests).toBe(2);
  });
});
