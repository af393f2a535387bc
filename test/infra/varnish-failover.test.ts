import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVarnish, type RunningVarnish } from '../helpers/varnish';

/**
 * The shipped VCL in front of two tiny origins that can be told to fail: what readers get when one server
 * errs or dies, and when both are gone. (test/e2e/varnish-cluster.test.ts does the same with real Byline
 * servers under load.)
 */
interface Origin {
  server: Server;
  url: string;
  /** 'ok' answers; 'error' answers 500 to everything but the probe. */
  mode: 'ok' | 'error';
  requests: { method: string; path: string }[];
}

const SHORT = 'public, max-age=0, s-maxage=1, stale-while-revalidate=600';

async function startOrigin(name: string): Promise<Origin> {
  const origin = { mode: 'ok', requests: [] } as unknown as Origin;
  origin.server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/readyz') return void res.end('ready');
    origin.requests.push({ method: req.method ?? '', path });
    req.resume();
    if (origin.mode === 'error') {
      res.statusCode = 500;
      res.setHeader('Cache-Control', 'no-store');
      return void res.end(`${name} failed`);
    }
    res.setHeader('Cache-Control', path.startsWith('/short') ? SHORT : 'no-store');
    res.setHeader('Content-Type', 'text/plain');
    res.end(`${path} from ${name}`);
  });
  await new Promise<void>((resolve) => origin.server.listen(0, '127.0.0.1', resolve));
  origin.url = `http://127.0.0.1:${(origin.server.address() as AddressInfo).port}`;
  return origin;
}

function stopOrigin(origin: Origin) {
  return new Promise<void>((resolve) => {
    origin.server.close(() => resolve());
    origin.server.closeAllConnections();
  });
}

describe('the shipped VCL with two backends', { timeout: 60_000 }, () => {
  let a: Origin;
  let b: Origin;
  let varnish: RunningVarnish;

  beforeAll(async () => {
    [a, b] = await Promise.all([startOrigin('a'), startOrigin('b')]);
    varnish = await startVarnish([a.url, b.url]);
  }, 60_000);

  afterAll(async () => {
    await varnish?.stop();
    for (const origin of [a, b]) if (origin?.server.listening) await stopOrigin(origin);
  });

  it('spreads requests over both servers and sees both healthy', async () => {
    for (let i = 0; i < 6; i++) expect((await fetch(`${varnish.url}/spread-${i}`)).status).toBe(200);
    expect(a.requests.length).toBeGreaterThan(0);
    expect(b.requests.length).toBeGreaterThan(0);
    expect(varnish.health()).toEqual({ byline_1: 'healthy', byline_2: 'healthy' });
  });

  it('sends a GET that got a 500 to the other server; never sends a POST twice', async () => {
    a.mode = 'error';
    try {
      for (let i = 0; i < 6; i++) {
        const answer = await fetch(`${varnish.url}/retried-${i}`);
        expect(answer.status).toBe(200);
        expect(await answer.text()).toBe(`/retried-${i} from b`);
      }
      expect(a.requests.some((r) => r.path.startsWith('/retried-'))).toBe(true);
      for (let i = 0; i < 6; i++) {
        const answer = await fetch(`${varnish.url}/posted-${i}`, { method: 'POST', body: 'x' });
        expect([200, 500]).toContain(answer.status);
        await answer.text();
        const sent = [...a.requests, ...b.requests].filter((r) => r.path === `/posted-${i}`);
        expect(sent).toEqual([{ method: 'POST', path: `/posted-${i}` }]);
      }
    } finally {
      a.mode = 'ok';
    }
  });

  it('serves every GET when one server dies, before and after the probe marks it sick', async () => {
    expect((await fetch(`${varnish.url}/short-page`)).status).toBe(200);
    await stopOrigin(a);
    const started = Date.now();
    let served = 0;
    while (varnish.health().byline_1 !== 'sick') {
      expect(Date.now() - started, 'the probe should mark a dead server sick within 8 s').toBeLessThan(10_000);
      const answer = await fetch(`${varnish.url}/while-dying-${served}`);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe(`/while-dying-${served} from b`);
      served++;
    }
    expect(served).toBeGreaterThan(0);
    expect(varnish.health()).toEqual({ byline_1: 'sick', byline_2: 'healthy' });
  });

  it("with no server left: the cached page from grace, anything else the site's own 503 page", async () => {
    await stopOrigin(b);
    // /short-page's TTL (s-maxage=1) is over: what follows is served from grace (stale-while-revalidate=600).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let round = 0; round < 2; round++) {
      // The second round runs after the failed background refresh: the graced object must still be there.
      const stale = await fetch(`${varnish.url}/short-page`);
      expect(stale.status).toBe(200);
      expect(stale.headers.get('x-cache')).toBe('HIT');
      expect(Number(stale.headers.get('age'))).toBeGreaterThanOrEqual(1);
      expect(await stale.text()).toMatch(/^\/short-page from [ab]$/);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const missing = await fetch(`${varnish.url}/never-cached`);
    const html = await missing.text();
    expect(missing.status).toBe(503);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(missing.headers.get('retry-after')).toBe('10');
    expect(html).toContain('<title>Byline is unavailable</title>');
    expect(html).not.toMatch(/guru meditation|varnish/i);
  });
});
