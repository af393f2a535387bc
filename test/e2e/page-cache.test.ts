import { createServer, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChanges } from '../../server/changes';
import { makeAuthor, makeStory, relatedSet, seedContent, writeContentDir } from '../helpers/content';
import { createTestApp } from '../helpers/app';
import { startPostgres, type RunningPostgres } from '../helpers/postgres';
import { changeKey } from '../../server/changes';

/**
 * The page cache and the pages' HTTP behaviour, in-process against the real app with the built renderer (dist/,
 * so this runs in the e2e project after `npm run build`) on a real SQLite file.
 */
const distDir = join(import.meta.dirname, '..', '..', 'dist');
const TOKEN = 'page-cache-token-0123456789abcde';
const SHARED = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600';

function pagesApp(config: Record<string, unknown> = {}, contentDir?: string, databaseUrl?: string) {
  const renders: string[] = [];
  const changes = createChanges();
  const test = createTestApp({
    contentDir,
    databaseUrl,
    changes,
    onRender: (url) => renders.push(url),
    config: { distDir, adminToken: TOKEN, commentFloodSeconds: 0, ...config },
  });
  return { ...test, changes, renders };
}

const post = (app: ReturnType<typeof pagesApp>['app'], slug: string, body: Record<string, unknown>) =>
  app.request(`/api/stories/${slug}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const moderate = (app: ReturnType<typeof pagesApp>['app'], id: number, action: 'approve' | 'spam') =>
  app.request(`/api/admin/comments/${id}/${action}`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});

describe('the rendered-page cache', () => {
  it('renders a page once and serves copies after, compressed once; a 304 costs no render', async () => {
    const { app, content, renders } = pagesApp();
    const slug = content.stories[0]!.slug;
    const first = await app.request(`/stories/${slug}`);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('<h1');
    expect(renders).toEqual([`/stories/${slug}`]);

    const gzip = await app.request(`/stories/${slug}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(html);
    const br = await app.request(`/stories/${slug}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    // Parameters pages do not read share the page: no render for a tracking tag.
    expect(await (await app.request(`/stories/${slug}?utm_source=newsletter`)).text()).toBe(html);
    expect(renders).toHaveLength(1);

    const etag = first.headers.get('etag')!;
    const conditional = await app.request(`/stories/${slug}`, { headers: { 'If-None-Match': etag } });
    expect(conditional.status).toBe(304);
    expect(conditional.headers.get('cache-control')).toBe(SHARED);
    expect(await conditional.text()).toBe('');
    expect(renders).toHaveLength(1);
  });

  it('gives every anonymous reader the same shareable bytes with surrogate keys, and a reader with preferences a private copy', async () => {
    const { app, renders } = pagesApp();
    const slug = 'lantern-walk-volunteers';
    const anonymous = await app.request(`/stories/${slug}`);
    expect(anonymous.headers.get('cache-control')).toBe(SHARED);
    expect(anonymous.headers.get('vary')).toBe('Accept-Encoding');
    const keys = anonymous.headers.get('surrogate-key')!.split(' ');
    expect(keys).toEqual(
      expect.arrayContaining([
        `story:${slug}`,
        `comments:${slug}`,
        'author:nadia-ferreira',
        'section:culture',
        // Related stories are shown (headline, comment count): their changes change this page.
        'story:cannery-theatre-reopens',
        'comments:cannery-theatre-reopens',
      ]),
    );
    expect(anonymous.headers.get('xkey')).toBe(keys.join(' '));
    expect(anonymous.headers.get('cache-tag')).toBe(keys.join(','));
    const body = await anonymous.text();
    expect(body).toMatch(/<html lang="[\w-]+">/);

    // Another reader with a cookie that is not a preference: the very same bytes and tag.
    const other = await app.request(`/stories/${slug}`, { headers: { Cookie: 'unrelated=1' } });
    expect(await other.text()).toBe(body);
    expect(other.headers.get('etag')).toBe(anonymous.headers.get('etag'));
    expect(other.headers.get('cache-control')).toBe(SHARED);

    // Saved preferences: the same page with them on <html> (for readers without JavaScript), kept from shared caches.
    const dark = await app.request(`/stories/${slug}`, {
      headers: { Cookie: 'byline-theme=dark; byline-text-size=3' },
    });
    expect(dark.headers.get('cache-control')).toBe('private, no-cache');
    expect(dark.headers.get('etag')).not.toBe(anonymous.headers.get('etag'));
    const darkBody = await dark.text();
    expect(darkBody).toMatch(/<html lang="[\w-]+" data-theme="dark" data-text-size="3">/);
    expect(darkBody.replace(' data-theme="dark" data-text-size="3"', '')).toBe(body);
    expect(renders).toHaveLength(1);
  });

  it('changes a page at once when a comment is approved or a moderator removes it, and not for a pending one', async () => {
    const { app, content, renders } = pagesApp();
    const slug = content.stories[1]!.slug;
    expect(await (await app.request(`/stories/${slug}`)).text()).not.toContain('Approved at once, please');
    const posted = await post(app, slug, { text: 'Approved at once, please.', name: 'Pia', email: 'pia@example.com' });
    const { comment } = (await posted.json()) as { comment: { id: number } };
    // Pending: nothing readers see has changed, so the page is not rendered again.
    expect(await (await app.request(`/stories/${slug}`)).text()).not.toContain('Approved at once, please');
    expect(renders).toHaveLength(1);

    expect((await moderate(app, comment.id, 'approve')).status).toBe(200);
    const approved = await (await app.request(`/stories/${slug}`)).text();
    expect(approved).toContain('Approved at once, please.');
    expect(approved).toContain('Comments (<!-- -->1<!-- -->)');
    expect(renders).toHaveLength(2);
    // The comment count on the front page's card changed too.
    expect(await (await app.request('/')).text()).toMatch(/1 comment\b/);

    expect((await moderate(app, comment.id, 'spam')).status).toBe(200);
    expect(await (await app.request(`/stories/${slug}`)).text()).not.toContain('Approved at once, please.');
    expect(renders.filter((url) => url === `/stories/${slug}`)).toHaveLength(3);
  });

  it('changes a page at once when its story or a related story changes', async () => {
    const stories = relatedSet();
    const dir = writeContentDir({ authors: [makeAuthor()], stories });
    const { app, store, ready, changes, renders } = pagesApp({}, dir);
    await ready;
    const before = await (await app.request('/stories/story-1')).text();
    expect(before).toContain('Headline of story-1');
    expect(before).toContain('Headline of story-2');

    // What a content update does: the stored story changes, and the bus names it.
    const edited = {
      ...stories,
      'story-1': makeStory('story-1', { ...stories['story-1'], headline: 'A corrected headline' }),
    };
    await seedContent(store, writeContentDir({ authors: [makeAuthor()], stories: edited }));
    // Not yet told: the cached page stands (it is the bus that says what changed).
    expect(await (await app.request('/stories/story-1')).text()).toBe(before);
    changes.publish([changeKey.story('story-1')]);
    expect(await (await app.request('/stories/story-1')).text()).toContain('A corrected headline');

    const related = {
      ...edited,
      'story-2': makeStory('story-2', { ...stories['story-2'], headline: 'Second, renamed' }),
    };
    await seedContent(store, writeContentDir({ authors: [makeAuthor()], stories: related }));
    changes.publish([changeKey.story('story-2')]);
    expect(await (await app.request('/stories/story-1')).text()).toContain('Second, renamed');
    // A change to something a page does not show leaves it cached.
    const count = renders.length;
    changes.publish([changeKey.story('some-other-story'), changeKey.author('someone-else')]);
    await app.request('/stories/story-1');
    expect(renders).toHaveLength(count);
  });

  it('keeps at most PAGE_CACHE_BYTES, dropping the least recently used page first', async () => {
    const big = pagesApp({ pageCacheBytes: 10_000_000 });
    const [a, b] = ['/stories/lantern-walk-volunteers', '/stories/cannery-theatre-reopens'];
    for (const url of [a, b, a, b]) await big.app.request(url);
    expect(big.renders).toEqual([a, b]);

    // Room for about one page (HTML, gzip and brotli of a story are some 45 to 50 KB): each pushes the other out.
    const small = pagesApp({ pageCacheBytes: 60_000 });
    for (const url of [a, a, b, a]) await small.app.request(url);
    expect(small.renders).toEqual([a, b, a]);
  });
});

describe('forms without JavaScript', () => {
  it('answer a refused comment with the page: errors beside the fields, a focused summary, what was typed kept, never cached', async () => {
    const { app, content } = pagesApp();
    const slug = content.stories[2]!.slug;
    const answer = await app.request(
      `/stories/${slug}`,
      form(
        { comment: '', name: 'Noor <b>Typed</b>', email: 'not-an-email', website: '', parentId: '' },
        { 'Sec-Fetch-Site': 'same-origin' },
      ),
    );
    expect(answer.status).toBe(422);
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    expect(answer.headers.get('surrogate-key')).toBeNull();
    const html = await answer.text();
    expect(html).toMatch(/<div class="notice notice-error error-summary" role="alert" tabindex="-1" autofocus="">/);
    expect(html).toContain('Your comment was not posted: 2 fields need attention.');
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<input[^>]*aria-invalid="true"[^>]*name="email" value="not-an-email"/);
    expect(html).toContain('value="Noor &lt;b&gt;Typed&lt;/b&gt;"');
    expect(html).toContain('Please type your comment.');
    // The shared page is untouched by one reader's answer.
    expect(await (await app.request(`/stories/${slug}`)).text()).not.toContain('not-an-email');
  });

  it('answer an accepted comment with the page showing it to its author, awaiting moderation', async () => {
    const { app, content } = pagesApp();
    const slug = content.stories[2]!.slug;
    const fields = {
      comment: 'Sent without any script.',
      name: 'Noor',
      email: 'noor@example.com',
      website: '',
      parentId: '',
    };
    const answer = await app.request(`/stories/${slug}`, form(fields, { Origin: 'http://localhost' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    const html = await answer.text();
    expect(html).toContain('Your comment was sent and is awaiting moderation.');
    expect(html).toMatch(/Sent without any script\.[\s\S]*?<\/li>/);
    expect(html).toContain('Your comment is awaiting moderation.');
    const list = (await (
      await app.request(`/api/admin/comments?status=pending`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).json()) as {
      comments: { text: string }[];
    };
    expect(list.comments.map((comment) => comment.text)).toContain('Sent without any script.');
    // The same rules as the API: sending it again is a duplicate, said at the top of the form.
    const again = await app.request(`/stories/${slug}`, form(fields, { Origin: 'http://localhost' }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Duplicate comment detected');
  });

  it('refuse forged cross-site posts of comments and preferences, storing and setting nothing', async () => {
    const { app, content } = pagesApp();
    const slug = content.stories[3]!.slug;
    const fields = { comment: 'Forged from elsewhere.', name: 'Mallory', email: 'm@example.com' };
    const forged: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null' },
    ];
    for (const headers of forged) {
      const answer = await app.request(`/stories/${slug}`, form(fields, headers));
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain('This form came from another site');
      const preference = await app.request('/preferences', form({ theme: 'dark', back: '/' }, headers));
      expect(preference.status).toBe(403);
      expect(preference.headers.get('set-cookie')).toBeNull();
    }
    const pending = (await (
      await app.request(`/api/admin/comments?status=pending`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).json()) as {
      comments: unknown[];
    };
    expect(pending.comments).toEqual([]);
  });

  it('set a preference cookie and send the reader back to the same place (303), never off the site', async () => {
    const { app } = pagesApp();
    const larger = await app.request(
      '/preferences',
      form(
        { textSize: 'larger', back: '/stories/lantern-walk-volunteers#text-size' },
        { 'Sec-Fetch-Site': 'same-origin', Cookie: 'byline-text-size=3' },
      ),
    );
    expect(larger.status).toBe(303);
    expect(larger.headers.get('location')).toBe('/stories/lantern-walk-volunteers#text-size');
    expect(larger.headers.get('set-cookie')).toMatch(/^byline-text-size=4; Max-Age=31536000; Path=\/; SameSite=Lax/);
    const toggled = await app.request(
      '/preferences',
      form({ theme: 'toggle', back: '//evil.example/' }, { Cookie: 'byline-theme=dark' }),
    );
    expect(toggled.status).toBe(303);
    expect(toggled.headers.get('location')).toBe('/');
    expect(toggled.headers.get('set-cookie')).toMatch(/^byline-theme=light;/);
  });
});

describe('purging the CDN', () => {
  it('sends PURGE with the changed keys to CDN_PURGE_URL when something readers see changes', async () => {
    const received: { method?: string; headers: IncomingHttpHeaders }[] = [];
    const cdn = createServer((request, response) => {
      received.push({ method: request.method, headers: request.headers });
      response.end('Purged');
    });
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
    const { port } = cdn.address() as { port: number };
    try {
      const { app, content, changes } = pagesApp({ cdnPurgeUrl: `http://127.0.0.1:${port}/` });
      const slug = content.stories[0]!.slug;
      const posted = await post(app, slug, { text: 'Purge me in.', name: 'Cy', email: 'cy@example.com' });
      expect(received).toEqual([]); // pending: nothing to purge
      const { comment } = (await posted.json()) as { comment: { id: number } };
      await moderate(app, comment.id, 'approve');
      await expect.poll(() => received.length).toBe(1);
      expect(received[0]).toMatchObject({
        method: 'PURGE',
        headers: { 'xkey-purge': `comments:${slug}`, 'surrogate-key': `comments:${slug}` },
      });
      // Once more a moment later: a copy the CDN fetched before the change and stored after the first is gone too.
      await expect.poll(() => received.length, { timeout: 5000 }).toBe(2);
      expect(received[1]!.headers['xkey-purge']).toBe(`comments:${slug}`);
      // A change relayed from another server was purged by that server.
      changes.receive([changeKey.story(slug)]);
      changes.publish([changeKey.front, changeKey.section('city')]);
      await expect.poll(() => received.length).toBe(3);
      expect(received[2]!.headers['xkey-purge']).toBe('front section:city');
    } finally {
      cdn.close();
    }
  });
});

describe('addresses no page reads, and failed reads (issue 21 rows 9, 12)', () => {
  it(
    'answers 10,000 made-up cursors with a 400 that says so, is kept nowhere, and renders nothing',
    { timeout: 180_000 },
    async () => {
      const { app, renders } = pagesApp();
      for (let n = 0; n < 10_000; n++) {
        const path = n % 2 ? `/?cursor=garbage-${n}` : `/stories/lantern-walk-volunteers?cursor=x${n}`;
        const response = await app.request(path);
        if (response.status !== 400 || response.headers.get('cache-control') !== 'no-store') {
          expect.fail(`${path}: ${response.status} ${response.headers.get('cache-control')}`);
        }
        if (n < 2) {
          const html = await response.text();
          expect(html).toContain('This address does not lead to a page');
          expect(html).toContain('The cursor is not one this server issued');
          // Said as the server wrote it: the app does not start and replace it with a list that "could not load".
          expect(html).not.toMatch(/<script data-entry=/);
          expect(response.headers.get('surrogate-key')).toBeNull();
        } else await response.body?.cancel();
      }
      expect(renders).toEqual([]);
      // The API refuses the same cursors the same way.
      const api = await app.request('/api/stories?cursor=garbage');
      expect(api.status).toBe(400);
      expect(api.headers.get('cache-control')).toBe('no-store');
    },
  );
});

describe('pages while the database is away (issue 21 row 12)', () => {
  let postgres: RunningPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(() => postgres?.stop());

  it('are never cacheable, and are not kept: each request tries again', { timeout: 90_000 }, async () => {
    const { app, ready, renders, changes, store } = pagesApp({}, undefined, postgres.url);
    try {
      await ready;
      const slug = 'lantern-walk-volunteers';
      const before = await app.request(`/stories/${slug}`);
      expect(before.status).toBe(200);
      expect(before.headers.get('cache-control')).toBe(SHARED);

      await postgres.pgStop();
      // A page whose reads fail outright (nothing cached to fall back on).
      for (const attempt of [1, 2]) {
        const front = await app.request('/');
        expect(front.status, `attempt ${attempt}`).toBe(503);
        expect(front.headers.get('cache-control')).toBe('no-store');
      }
      expect(renders.filter((url) => url === '/')).toHaveLength(2);

      // A page rendered from answers the API kept from before the outage: shown, but kept by no cache.
      changes.publish([changeKey.any]);
      const stale = await app.request(`/stories/${slug}`);
      expect(stale.status).toBe(200);
      expect(stale.headers.get('cache-control')).toBe('no-store');
      expect(await stale.text()).toContain('<h1');
      await app.request(`/stories/${slug}`);
      expect(renders.filter((url) => url === `/stories/${slug}`)).toHaveLength(3);
    } finally {
      await postgres.pgStart();
      await store.close();
    }
  });
});
