import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStory } from '../helpers/content';
import { freePort } from '../helpers/postgres';
import { startServer, type RunningServer } from '../helpers/server';
import { startVarnish, type RunningVarnish } from '../helpers/varnish';

/**
 * Byline behind Varnish with the shipped VCL (deploy/varnish/byline.vcl), the way a CDN would front it: Byline
 * runs with CDN_PURGE_URL pointing at Varnish, so every change it makes purges the pages that show it.
 */
const TOKEN = 'varnish-e2e-token-0123456789abcd';
let varnish: RunningVarnish;
let server: RunningServer;

beforeAll(async () => {
  // Varnish needs the backend's address and Byline the purge address: the port is chosen first.
  const port = await freePort();
  varnish = await startVarnish(`http://127.0.0.1:${port}`);
  server = await startServer({
    PORT: String(port),
    ADMIN_TOKEN: TOKEN,
    COMMENT_FLOOD_SECONDS: '0',
    CDN_PURGE_URL: varnish.purgeUrl,
    // No PUBLIC_ORIGIN, as in the attack on issue 21 row 1: the server must not take the request's Host instead.
    PUBLIC_ORIGIN: '',
  });
  // Varnish started first and found no server: the probe takes it in after 3 good answers.
  await varnish.waitForHealth({ byline_1: 'healthy' }, 20_000);
});

afterAll(async () => {
  await server?.stop();
  await varnish?.stop();
});

const viaCache = (path: string, init: RequestInit = {}) => fetch(`${varnish.url}${path}`, init);

async function slugs(): Promise<string[]> {
  const page = (await (await fetch(`${server.url}/api/stories?limit=20`)).json()) as { stories: { slug: string }[] };
  return page.stories.map((story) => story.slug);
}

describe('Byline behind Varnish', () => {
  it('serves repeat readers from the cache', async () => {
    const [slug] = await slugs();
    const first = await viaCache(`/stories/${slug}`);
    const body = await first.text();
    expect(first.status).toBe(200);
    const second = await viaCache(`/stories/${slug}`);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.text()).toBe(body);
    expect(second.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=600');
  });

  it('shows an approved comment within 1 s: Byline purges the page by key', async () => {
    const slug = (await slugs())[1]!;
    await viaCache(`/stories/${slug}`);
    expect((await viaCache(`/stories/${slug}`)).headers.get('x-cache')).toBe('HIT');

    const posted = await viaCache(`/api/stories/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Seen through the cache.', name: 'Vera', email: 'vera@example.com' }),
    });
    expect(posted.status).toBe(201);
    const { comment } = (await posted.json()) as { comment: { id: number } };
    // Pending: still served from the cache, without it.
    const pending = await viaCache(`/stories/${slug}`);
    expect(pending.headers.get('x-cache')).toBe('HIT');
    expect(await pending.text()).not.toContain('Seen through the cache.');

    const approved = await fetch(`${server.url}/api/admin/comments/${comment.id}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(approved.status).toBe(200);
    const at = Date.now();
    let html = '';
    while (Date.now() - at < 1000 && !html.includes('Seen through the cache.')) {
      html = await (await viaCache(`/stories/${slug}`)).text();
    }
    expect(html, varnish.varnishlog().slice(-4000)).toContain('Seen through the cache.');
    expect(Date.now() - at).toBeLessThanOrEqual(1000);
    // And cached again from then on.
    expect((await viaCache(`/stories/${slug}`)).headers.get('x-cache')).toBe('HIT');
  });

  it("never serves a reader with preferences, or a form's answer, to another reader", async () => {
    const slug = (await slugs())[2]!;
    const shared = await (await viaCache(`/stories/${slug}`)).text();
    expect(shared).toMatch(/<html lang="[\w-]+">/);

    const dark = await viaCache(`/stories/${slug}`, { headers: { Cookie: 'byline-theme=dark' } });
    expect(dark.headers.get('x-cache')).toBe('MISS'); // passed to Byline, never looked up or stored
    expect(await dark.text()).toMatch(/<html lang="[\w-]+" data-theme="dark">/);

    // A reader posts the plain form with a mistake: their answer carries what they typed.
    const answer = await viaCache(`/stories/${slug}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: varnish.url,
        Cookie: 'byline-text-size=4',
      },
      body: new URLSearchParams({ comment: 'My private draft words', name: 'Pat', email: 'not-an-email' }).toString(),
    });
    expect(answer.status).toBe(422);
    const answerHtml = await answer.text();
    expect(answerHtml).toContain('My private draft words');
    expect(answerHtml).toMatch(/<html lang="[\w-]+" data-text-size="4">/);

    const others: Record<string, string>[] = [{}, { Cookie: 'byline-text-size=0' }];
    for (const headers of others) {
      const other = await viaCache(`/stories/${slug}`, { headers });
      const html = await other.text();
      expect(html).not.toContain('My private draft words');
      expect(html).not.toContain('data-theme="dark"');
      expect(html).not.toContain('data-text-size="4"');
    }
    const anonymous = await viaCache(`/stories/${slug}`);
    expect(anonymous.headers.get('x-cache')).toBe('HIT');
    expect(await anonymous.text()).toBe(shared);
  });

  it('takes the next post after a refused 700 KB form: the 413 closes its connection (issue 21 row 7)', async () => {
    const [slug] = await slugs();
    for (let round = 0; round < 5; round++) {
      const huge = await viaCache(`/stories/${slug}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: varnish.url },
        body: new URLSearchParams({
          comment: 'x'.repeat(700 * 1024),
          name: 'Big',
          email: 'big@example.com',
        }).toString(),
      });
      expect(huge.status, varnish.varnishlog().slice(-4000)).toBe(413);
      expect(await huge.text()).toContain('too long');

      const next = await viaCache(`/api/stories/${slug}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          text: `Posted after the big one, round ${round}.`,
          name: 'Nia',
          email: `nia${round}@example.com`,
        }),
      });
      expect(next.status, `${await next.clone().text()}\n${varnish.varnishlog().slice(-4000)}`).toBe(201);
    }
  });
});

/** A GET with a Host header of our choosing (fetch may not set Host). */
function getWithHost(
  url: string,
  host: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('what one request cannot do to others behind Varnish (issue 21)', () => {
  it('row 1: a request naming another Host changes no link in the page others get', async () => {
    const slug = (await slugs())[3]!;
    // The first request for this page anywhere: Byline renders it for the evil Host and keeps it.
    const evil = await getWithHost(`${varnish.url}/stories/${slug}`, 'evil.example');
    expect(evil.status).toBe(200);
    expect(evil.body).not.toContain('evil.example');
    const plain = await viaCache(`/stories/${slug}`);
    const html = await plain.text();
    expect(html).not.toContain('evil.example');
    // Every absolute URL names the server's own origin (HOST=127.0.0.1, no PUBLIC_ORIGIN): localhost and its port.
    const origin = `http://localhost:${new URL(server.url).port}`;
    expect(html).toContain(`<link rel="canonical" href="${origin}/stories/${slug}"`);
    for (const path of ['/feed.xml', '/sitemap.xml', '/robots.txt']) {
      const answer = await getWithHost(`${varnish.url}${path}`, 'evil.example');
      expect(answer.body, path).not.toContain('evil.example');
      expect(await (await viaCache(path)).text(), path).not.toContain('evil.example');
    }
  });

  it('keys a page by its URL alone: 50 invented Hosts are HITs of the one cached copy, and Byline is asked once', async () => {
    // Byline sends each purge again 1.5 s later: the earlier tests' changes must not purge this page mid-count.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const slug = (await slugs())[6]!;
    const asked = () => varnish.backendUrls().filter((url) => url === `/stories/${slug}`).length;
    const before = asked();
    const first = await viaCache(`/stories/${slug}`);
    const body = await first.text();
    const caches = new Set<string | undefined>();
    for (let n = 1; n <= 50; n++) {
      const answer = await getWithHost(`${varnish.url}/stories/${slug}`, `flood-${n}.example`);
      caches.add(answer.headers['x-cache'] as string | undefined);
      expect(answer.body).toBe(body);
    }
    expect(caches).toEqual(new Set(['HIT']));
    expect(asked() - before).toBe(1);
  });

  it('row 11: withdrawing a story purges the feed, the news sitemap and its API JSON at once', async () => {
    const listed = (await (await fetch(`${server.url}/api/stories?limit=3`)).json()) as {
      stories: { slug: string; author: { id: string } }[];
    };
    const slug = 'withdrawn-behind-varnish';
    const put = await fetch(`${server.url}/api/admin/stories/${slug}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(
        makeStory(slug, {
          authorId: listed.stories[0]!.author.id,
          related: listed.stories.map((story) => story.slug),
          publishedAt: new Date().toISOString(),
        }),
      ),
    });
    expect(put.status, await put.clone().text()).toBe(201);

    const watched = ['/feed.xml', '/news-sitemap.xml', `/api/stories/${slug}`];
    for (const path of watched) {
      const first = await viaCache(path);
      expect(first.status, path).toBe(200);
      expect(await first.text(), path).toContain(slug);
      const again = await viaCache(path);
      expect(again.headers.get('x-cache'), path).toBe('HIT');
      expect(again.headers.get('xkey'), path).toBeTruthy();
    }

    const withdrawn = await fetch(`${server.url}/api/admin/stories/${slug}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(withdrawn.status).toBe(204);
    const at = Date.now();
    for (const path of watched) {
      let body = slug;
      let response: Response | undefined;
      while (Date.now() - at < 1000 && body.includes(slug) && !(path.startsWith('/api/') && response?.status === 404)) {
        response = await viaCache(path);
        body = await response.text();
      }
      if (path.startsWith('/api/')) expect(response?.status, varnish.varnishlog().slice(-4000)).toBe(404);
      else expect(body, `${path}\n${varnish.varnishlog().slice(-4000)}`).not.toContain(slug);
    }
    expect(Date.now() - at).toBeLessThanOrEqual(1000);
  });
});

describe('query strings behind Varnish: one cache entry per query Byline reads', () => {
  /** How many times Varnish has asked Byline for exactly `url`. */
  const fetchesOf = (url: string) => varnish.backendUrls().filter((asked) => asked === url).length;

  it('serves a story asked with utm_source and ?x=1..200 from one cached page: Byline is asked once', async () => {
    // Byline sends each purge again 1.5 s later: the earlier tests' changes must not purge this page mid-count.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const slug = (await slugs())[5]!;
    const before = fetchesOf(`/stories/${slug}`);
    const first = await viaCache(`/stories/${slug}?utm_source=newsletter&fbclid=abc`);
    expect(first.status).toBe(200);
    const body = await first.text();
    const caches = new Set<string | null>();
    for (let n = 1; n <= 200; n++) {
      const again = await viaCache(`/stories/${slug}?x=${n}`);
      caches.add(again.headers.get('x-cache'));
      expect(await again.text()).toBe(body);
    }
    expect(caches).toEqual(new Set(['HIT']));
    expect(fetchesOf(`/stories/${slug}`) - before, varnish.varnishlog().slice(-4000)).toBe(1);
    expect(varnish.backendUrls().filter((url) => url.startsWith(`/stories/${slug}?`))).toEqual([]);
  });

  it('still varies on the search, whatever order its parameters come in', async () => {
    const listed = (await (await fetch(`${server.url}/api/stories?limit=2`)).json()) as {
      stories: { headline: string }[];
    };
    const [one, two] = listed.stories.map((story) =>
      story.headline.split(/\s+/).find((word) => /^[a-z]{5,}$/i.test(word))!,
    );
    const first = await viaCache(`/api/search?q=${encodeURIComponent(one!)}&utm_source=a`);
    expect(first.status).toBe(200);
    const firstJson = await first.text();
    expect(firstJson).toBe(await (await fetch(`${server.url}/api/search?q=${encodeURIComponent(one!)}`)).text());
    const other = await viaCache(`/api/search?q=${encodeURIComponent(two!)}`);
    expect(await other.text()).not.toBe(firstJson);

    const page = await viaCache(`/search?section=&q=${encodeURIComponent(one!)}&gclid=1`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`value="${one}"`);
    const reordered = await viaCache(`/search?gclid=2&q=${encodeURIComponent(one!)}&section=`);
    expect(reordered.headers.get('x-cache')).toBe('HIT');
    expect(await reordered.text()).toBe(html);
  });

  it('pages with ?cursor=, the page and the API alike', async () => {
    const firstPage = (await (await fetch(`${server.url}/api/stories?limit=2`)).json()) as {
      stories: { slug: string }[];
      nextCursor?: string;
    };
    const cursor = firstPage.nextCursor!;
    expect(cursor).toBeTruthy();
    const direct = await (await fetch(`${server.url}/api/stories?limit=2&cursor=${cursor}`)).text();
    const viaVarnish = await viaCache(`/api/stories?utm_medium=email&cursor=${cursor}&limit=2`);
    expect(viaVarnish.status).toBe(200);
    const json = await viaVarnish.text();
    expect(json).toBe(direct);
    const next = JSON.parse(json) as { stories: { slug: string }[] };
    expect(next.stories.map((story) => story.slug)).not.toContain(firstPage.stories[0]!.slug);

    const front = await (await viaCache('/')).text();
    const paged = await viaCache(`/?fbclid=1&cursor=${cursor}`);
    expect(paged.status).toBe(200);
    const pagedHtml = await paged.text();
    expect(pagedHtml).not.toBe(front);
    expect(pagedHtml).toContain(`/stories/${next.stories[0]!.slug}`);
    expect((await viaCache(`/?cursor=${cursor}&utm_source=x`)).headers.get('x-cache')).toBe('HIT');
  });
});
