import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVarnish, type RunningVarnish } from '../helpers/varnish';

/**
 * deploy/varnish/byline-query.vcl in front of a tiny origin that records the URL of every request it gets and
 * answers each with a page Varnish may keep, so what reaches the origin is exactly what the cache could not
 * answer. Paths are unique per test so that tests do not share cached objects.
 */
describe('byline.vcl: the query parameters each path keeps', { timeout: 60_000 }, () => {
  let varnish: RunningVarnish;
  let backend: Server;
  const seen: { method: string; url: string }[] = [];

  beforeAll(async () => {
    backend = createServer((req, res) => {
      const url = req.url ?? '/';
      // Varnish's readiness probe, every 2 s: not a reader's request.
      if (url === '/readyz') return void res.end('ready');
      seen.push({ method: req.method ?? '', url });
      req.resume();
      res.setHeader('Cache-Control', 'public, max-age=0, s-maxage=60');
      res.setHeader('Content-Type', 'text/plain');
      res.end(`${url} #${seen.length}`);
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const { port } = backend.address() as AddressInfo;
    varnish = await startVarnish(`http://127.0.0.1:${port}`);
  }, 60_000);

  afterAll(async () => {
    await varnish?.stop();
    await new Promise((resolve) => backend?.close(resolve));
  });

  async function get(path: string, init: RequestInit = {}) {
    const res = await fetch(`${varnish.url}${path}`, init);
    return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() };
  }
  /** The URLs the origin got for a path (with any query), in order. */
  const origin = (path: string) =>
    seen.filter((request) => request.url === path || request.url.startsWith(`${path}?`)).map((r) => r.url);

  it('serves a story asked with utm_source and 200 cache busters from one cached page: the origin sees one request', async () => {
    const first = await get('/stories/busted?utm_source=newsletter&utm_medium=email&fbclid=abc&gclid=def');
    expect(first).toMatchObject({ status: 200, cache: 'MISS' });
    const caches: (string | null)[] = [];
    for (let n = 1; n <= 200; n++) {
      const answer = await get(`/stories/busted?x=${n}`);
      caches.push(answer.cache);
      expect(answer.body).toBe(first.body);
    }
    expect(new Set(caches)).toEqual(new Set(['HIT']));
    expect(origin('/stories/busted')).toEqual(['/stories/busted']);
  });

  it('keeps what the path reads, the first value of each, sorted: parameter order does not split the cache', async () => {
    expect((await get('/search?utm_campaign=x&section=harbour&q=lights&q=ignored')).cache).toBe('MISS');
    expect((await get('/search?q=lights&section=harbour')).cache).toBe('HIT');
    expect((await get('/search?section=harbour&gclid=1&q=lights')).cache).toBe('HIT');
    expect(origin('/search')).toEqual(['/search?q=lights&section=harbour']);
  });

  it('still varies on what the page reads: another search, another cursor', async () => {
    await get('/search?q=tide');
    await get('/search?q=storm');
    expect((await get('/search?q=storm&x=2')).cache).toBe('HIT');
    await get('/stories/paged?cursor=Mg&replytocom=7&fbclid=1');
    await get('/stories/paged?cursor=Mw');
    await get('/stories/paged?page=2');
    expect(origin('/search?q=')).toEqual([]);
    expect(seen.map((r) => r.url).filter((url) => /q=(tide|storm)/.test(url))).toEqual([
      '/search?q=tide',
      '/search?q=storm',
    ]);
    expect(origin('/stories/paged')).toEqual([
      '/stories/paged?cursor=Mg&replytocom=7',
      '/stories/paged?cursor=Mw',
      '/stories/paged?page=2',
    ]);
  });

  it('keeps a value as sent (empty, or holding "?"), and drops names that only begin like a kept one', async () => {
    await get('/stories/spelled?cursorx=1&pages=2&page=3&replytocom');
    await get('/stories/spelled?page=');
    await get('/search?q=what%3F&utm_source=a?b');
    await get('/search?q=a?b=c');
    expect(origin('/stories/spelled')).toEqual(['/stories/spelled?page=3&replytocom', '/stories/spelled?page=']);
    expect(seen.map((r) => r.url)).toContain('/search?q=what%3F');
    expect(seen.map((r) => r.url)).toContain('/search?q=a?b=c');
  });

  it('drops every parameter of a path that reads none, and an empty "?"', async () => {
    await get('/feed.xml?x=1&utm_source=a');
    expect((await get('/feed.xml')).cache).toBe('HIT');
    await get('/stories/bare?');
    expect((await get('/stories/bare')).cache).toBe('HIT');
    expect(origin('/feed.xml')).toEqual(['/feed.xml']);
    expect(origin('/stories/bare')).toEqual(['/stories/bare']);
  });

  it('keeps the parameters of the API routes, image variants and the old WordPress address', async () => {
    await get('/api/stories?limit=5&cursor=MQ&utm_source=a');
    await get('/api/stories/harbour/updates?since=12&_=1712');
    await get('/img/0123abcd/640.avif?src=%2Fimages%2Fa.jpg&w=9');
    await get('/?p=42&utm_source=a');
    await get('/?cursor=MQ&fbclid=1');
    expect(origin('/api/stories')).toEqual(['/api/stories?cursor=MQ&limit=5']);
    expect(origin('/api/stories/harbour/updates')).toEqual(['/api/stories/harbour/updates?since=12']);
    expect(origin('/img/0123abcd/640.avif')).toEqual(['/img/0123abcd/640.avif?src=%2Fimages%2Fa.jpg']);
    expect(origin('/')).toEqual(['/?p=42', '/?cursor=MQ']);
  });

  it('leaves the admin API and every POST as sent', async () => {
    await get('/api/admin/comments?zeta=1&status=pending&alpha=2', { headers: { Authorization: 'Bearer t' } });
    await get('/stories/posted?utm_source=a&b=1', { method: 'POST', body: 'text=hello' });
    expect(origin('/api/admin/comments')).toEqual(['/api/admin/comments?zeta=1&status=pending&alpha=2']);
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/stories/posted?utm_source=a&b=1']);
  });
});
