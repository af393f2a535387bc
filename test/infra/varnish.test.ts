import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendsVclFor, proxyRequest, startVarnish, type RunningVarnish } from '../helpers/varnish';

/**
 * A tiny origin: every path answers `<path> #<count of requests to that path>`, with the headers the path asks for.
 * Paths are unique per test so that tests do not share cached objects.
 */
const CACHEABLE = { 'Cache-Control': 'public, max-age=0, s-maxage=60', 'Surrogate-Key': 'story:a author:b' };
const routes: Record<string, Record<string, string>> = {
  '/hit': CACHEABLE,
  '/cookie': CACHEABLE,
  '/purge-a': CACHEABLE,
  '/purge-other-a': CACHEABLE,
  '/purge-other-c': { 'Cache-Control': 'public, s-maxage=60', xkey: 'story:c' },
  '/purge-multi': { 'Cache-Control': 'public, s-maxage=60', 'Surrogate-Key': 'author:z' },
  '/set-cookie': { ...CACHEABLE, 'Set-Cookie': 'byline-theme=dark; Path=/' },
  '/private': { 'Cache-Control': 'private, max-age=60' },
  // The built-in VCL would store this one (Surrogate-Control overrides Cache-Control there); ours does not.
  '/private-surrogate': { 'Cache-Control': 'private, max-age=60', 'Surrogate-Control': 'max-age=60' },
  '/no-store': { 'Cache-Control': 'no-store' },
  '/no-headers': {},
  '/smaxage-zero': { 'Cache-Control': 'public, max-age=60, s-maxage=0' },
  '/swr': { 'Cache-Control': 'public, max-age=0, s-maxage=60, stale-while-revalidate=600' },
  '/acl': { 'Cache-Control': 'public, s-maxage=60', xkey: 'acl:key' },
};

describe('startVarnish: deploy/varnish/byline.vcl in front of a backend', { timeout: 30_000 }, () => {
  let varnish: RunningVarnish;
  let backend: Server;
  const hits = new Map<string, number>();
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    backend = createServer((req, res) => {
      const path = req.url ?? '/';
      // Varnish's readiness probe (byline.vcl's byline_ready), every 2 s: not a reader's request.
      if (path === '/readyz') return void res.end('ready');
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      seen.push({ path, headers: req.headers });
      for (const [name, value] of Object.entries(routes[path] ?? {})) res.setHeader(name, value);
      res.setHeader('Content-Type', 'text/plain');
      res.end(`${path} #${n}`);
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const { port } = backend.address() as AddressInfo;
    varnish = await startVarnish(`http://127.0.0.1:${port}`);
  }, 60_000);

  afterAll(async () => {
    await varnish?.stop();
    await new Promise((resolve) => backend?.close(resolve));
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${varnish.url}${path}`, { headers });
    return { status: res.status, cache: res.headers.get('x-cache'), headers: res.headers, body: await res.text() };
  }

  async function purge(keys: string) {
    const res = await fetch(varnish.purgeUrl, { method: 'PURGE', headers: { 'xkey-purge': keys } });
    return { status: res.status, purged: res.headers.get('x-purged'), body: await res.text() };
  }

  it('renders the backends for the servers under test, and the start-up check never reached them', () => {
    expect(backendsVclFor(['http://127.0.0.1:4567'])).toMatch(/\.host = "127\.0\.0\.1";\s*\.port = "4567";/);
    expect(hits.size).toBe(0);
  });

  it('serves a repeat request from the cache (s-maxage), headers intact', async () => {
    const first = await get('/hit');
    expect(first).toMatchObject({ status: 200, cache: 'MISS', body: '/hit #1' });
    const second = await get('/hit');
    expect(second).toMatchObject({ status: 200, cache: 'HIT', body: '/hit #1' });
    expect(hits.get('/hit')).toBe(1);
    // Nothing Byline sends is stripped: the browser still gets max-age=0, a CDN in front still gets the keys.
    expect(second.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60');
    expect(second.headers.get('surrogate-key')).toBe('story:a author:b');
  });

  it('sends a request with any Cookie to the backend and never stores its answer', async () => {
    await get('/cookie');
    const withCookie = await get('/cookie', { Cookie: 'byline-theme=dark' });
    expect(withCookie).toMatchObject({ cache: 'MISS', body: '/cookie #2' });
    expect(seen.at(-1)?.headers.cookie).toBe('byline-theme=dark');
    // Only Byline's own cookies reach Byline: the others are removed before the cache is looked up.
    const mixed = await get('/cookie', { Cookie: '_ga=GA1.1.1; byline-text-size=3; OptanonConsent=groups=C0001' });
    expect(mixed).toMatchObject({ cache: 'MISS', body: '/cookie #3' });
    expect(seen.at(-1)?.headers.cookie).toBe('byline-text-size=3');
    // A reader with only analytics and consent cookies shares the anonymous page.
    expect(await get('/cookie', { Cookie: '_ga=GA1.1.1; OptanonConsent=isGpcEnabled=0&groups=C0001' })).toMatchObject({
      cache: 'HIT',
      body: '/cookie #1',
    });
    // The anonymous reader still gets the anonymous page, not the cookie reader's.
    expect(await get('/cookie')).toMatchObject({ cache: 'HIT', body: '/cookie #1' });
  });

  it.each(['/set-cookie', '/private', '/private-surrogate', '/no-store', '/no-headers', '/smaxage-zero'])(
    'does not store %s',
    async (path) => {
      expect((await get(path)).body).toBe(`${path} #1`);
      expect(await get(path)).toMatchObject({ cache: 'MISS', body: `${path} #2` });
    },
  );

  it('PURGE with xkey-purge drops the tagged objects: the next request is a MISS with new content', async () => {
    expect((await get('/purge-a')).body).toBe('/purge-a #1');
    expect((await get('/purge-a')).cache).toBe('HIT');
    const result = await purge('story:a');
    expect(result.status).toBe(200);
    expect(Number(result.purged)).toBeGreaterThanOrEqual(1);
    expect(result.body).toContain(`Purged ${result.purged} objects`);
    expect(await get('/purge-a')).toMatchObject({ cache: 'MISS', body: '/purge-a #2' });
    expect(await get('/purge-a')).toMatchObject({ cache: 'HIT', body: '/purge-a #2' });
  });

  it('a PURGE for other keys leaves objects without those keys cached (xkey header or Surrogate-Key)', async () => {
    await get('/purge-other-a');
    await get('/purge-other-c');
    expect((await get('/purge-other-a')).cache).toBe('HIT');
    expect((await get('/purge-other-c')).cache).toBe('HIT');

    expect(await purge('story:c')).toMatchObject({ status: 200, purged: '1' });
    expect(await get('/purge-other-a')).toMatchObject({ cache: 'HIT', body: '/purge-other-a #1' });
    expect(await get('/purge-other-c')).toMatchObject({ cache: 'MISS', body: '/purge-other-c #2' });

    expect(await purge('no-such-key')).toMatchObject({ status: 200, purged: '0' });
    expect((await get('/purge-other-a')).cache).toBe('HIT');
  });

  it('purges every object that has any of several space-separated keys', async () => {
    await get('/purge-multi');
    await get('/purge-other-c');
    expect((await get('/purge-multi')).cache).toBe('HIT');
    expect((await get('/purge-other-c')).cache).toBe('HIT');
    expect((await purge('story:c author:z')).purged).toBe('2');
    expect((await get('/purge-multi')).cache).toBe('MISS');
    expect((await get('/purge-other-c')).cache).toBe('MISS');
  });

  it('refuses a PURGE from outside localhost (403) and one without keys (400)', async () => {
    await get('/acl');
    expect((await get('/acl')).cache).toBe('HIT');

    const outside = await proxyRequest(varnish.proxyPort, '203.0.113.7', 'PURGE', '/', { 'xkey-purge': 'acl:key' });
    expect(outside.status).toBe(403);
    expect((await get('/acl')).cache).toBe('HIT');

    const noKeys = await fetch(varnish.purgeUrl, { method: 'PURGE' });
    expect(noKeys.status).toBe(400);
    expect((await get('/acl')).cache).toBe('HIT');

    // The same PURGE through the same listener from 127.0.0.1 works, so the 403 was the ACL's.
    const local = await proxyRequest(varnish.proxyPort, '127.0.0.1', 'PURGE', '/', { 'xkey-purge': 'acl:key' });
    expect(local).toMatchObject({ status: 200, headers: { 'x-purged': '1' } });
    expect((await get('/acl')).cache).toBe('MISS');
  });

  it('takes the TTL from s-maxage (not max-age) and the grace from stale-while-revalidate', async () => {
    await get('/swr');
    // varnishlog's TTL record: source, ttl, grace, keep, ... for the fetch of /swr.
    const log = varnish.varnishlog();
    const fetchOfSwr = log.split(/\n(?=\*)/).find((block) => /BereqURL\s+\/swr/.test(block)) ?? '';
    expect(fetchOfSwr).toMatch(/TTL\s+RFC 60 600 0 /);
  });

  it('keeps varnishd output and the request log for failing tests', () => {
    expect(varnish.log()).toMatch(/Child \(\d+\) Started/);
    expect(varnish.varnishlog()).toContain('/hit');
  });
});
