import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoryPage } from '../../src/schema';
import { startClusterServer, type ClusterServer } from '../helpers/clusterServer';
import { createDatabase, freePort, startPostgres, type RunningPostgres } from '../helpers/postgres';
import { startVarnish, type RunningVarnish } from '../helpers/varnish';

/**
 * Two real Byline servers on one PostgreSQL database behind the shipped VCL, as a newsroom runs them (issue 24
 * point 1): readers with analytics cookies share the cached page; a server stopped (SIGTERM, with the default
 * SHUTDOWN_DRAIN_MS) or killed (SIGKILL) under read load costs no reader a request; with both gone, the cached
 * page is served from grace and anything else gets the site's own 503 page.
 *
 * The load runs 20 to 25 s rather than a minute: the probe runs every 2 s and marks a server sick after 3
 * failures, so 20 s spans ten probe intervals, the whole window in which Varnish still thinks the server is
 * there, and several more after it has been left out. The SIGTERM case runs until well after the server has
 * exited (10 s drain), so requests are seen going to the one left.
 */
let postgres: RunningPostgres;
let databaseUrl: string;
const ports: number[] = [];
const servers: (ClusterServer | undefined)[] = [];
let varnish: RunningVarnish;
let slugs: string[];
/** A page cached at the start, and when: the last test reads it past its 60 s TTL, from grace. */
let graced: { path: string; body: string; at: number };

const env = (port: number) => ({
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  TRUST_PROXY: '1',
  // Every request comes from Varnish's one address: the per-address limits would refuse the load, not the setup.
  COMMENT_FLOOD_SECONDS: '0',
  FORM_RATE_PER_MINUTE: '0',
  RENDER_RATE_PER_MINUTE: '0',
});

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await createDatabase(postgres.url, 'varnish_cluster');
  ports.push(await freePort(), await freePort());
  // One first, so the content sync is done once; the second finds it done.
  servers[0] = await startClusterServer(env(ports[0]!));
  servers[1] = await startClusterServer(env(ports[1]!));
  varnish = await startVarnish(ports.map((port) => `http://127.0.0.1:${port}`));
  slugs = StoryPage.parse(await (await fetch(`${servers[0].url}/api/stories?limit=20`)).json()).stories.map(
    (story) => story.slug,
  );
  const path = `/stories/${slugs[0]}`;
  const first = await fetch(`${varnish.url}${path}`);
  expect(first.headers.get('cache-control')).toContain('s-maxage=60');
  graced = { path, body: await first.text(), at: Date.now() };
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server?.kill()));
  await varnish?.stop();
  await postgres?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LoadResult {
  sent: number;
  /** Every request that did not get its expected status, or no answer: `METHOD path -> status or error`. */
  failures: string[];
  /** When each successful answer came back (ms since the epoch). */
  answeredAt: number[];
}

/**
 * `workers` readers in a loop for `ms`: each turn a GET that reaches a server (a page with a query no one asked
 * before, or with a preference cookie, which passes), and with `posts`, every fourth turn a comment.
 */
async function readLoad(ms: number, { workers = 4, posts = false } = {}): Promise<LoadResult> {
  const result: LoadResult = { sent: 0, failures: [], answeredAt: [] };
  const stopAt = Date.now() + ms;
  let turn = 0;
  const worker = async () => {
    while (Date.now() < stopAt) {
      const n = turn++;
      const slug = slugs[n % slugs.length]!;
      let method = 'GET';
      // A parameter the page reads: Varnish drops the others (byline-query.vcl), which would make this a HIT.
      let path = `/stories/${slug}?replytocom=${n + 1}`;
      let init: RequestInit = {};
      let expected = 200;
      if (posts && n % 4 === 3) {
        method = 'POST';
        path = `/api/stories/${slug}/comments`;
        expected = 201;
        init = {
          method,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            name: `Reader ${n}`,
            email: `reader.${n}@example.com`,
            text: `Comment ${n} under load`,
          }),
        };
      } else if (n % 2 === 1) {
        path = `/stories/${slug}`;
        init = { headers: { Cookie: `_ga=GA1.2.${n}; byline-theme=dark` } };
      }
      result.sent++;
      try {
        const answer = await fetch(`${varnish.url}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
        await answer.arrayBuffer();
        if (answer.status === expected) result.answeredAt.push(Date.now());
        else result.failures.push(`${method} ${path} -> ${answer.status}`);
      } catch (error) {
        result.failures.push(`${method} ${path} -> ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return result;
}

describe('two Byline servers behind the shipped VCL', () => {
  it('gives a reader carrying only analytics and consent cookies the cached anonymous page (HIT)', async () => {
    const cookie =
      '_ga=GA1.2.1234567890.1765100000; OptanonConsent=isGpcEnabled=0&datestamp=Mon+Dec+07+2026&groups=C0001%3A1';
    const answer = await fetch(`${varnish.url}${graced.path}`, { headers: { Cookie: cookie } });
    expect(answer.headers.get('x-cache')).toBe('HIT');
    expect(await answer.text()).toBe(graced.body);
    // A Byline cookie among them still reaches Byline, and the page is that reader's own.
    const dark = await fetch(`${varnish.url}${graced.path}`, { headers: { Cookie: `${cookie}; byline-theme=dark` } });
    expect(dark.headers.get('x-cache')).toBe('MISS');
    expect(await dark.text()).toContain('data-theme="dark"');
  });

  it('loses no request, read or comment, while one server shuts down (SIGTERM, default drain) under load', async () => {
    await varnish.waitForHealth({ byline_1: 'healthy', byline_2: 'healthy' }, 10_000);
    const load = readLoad(20_000, { posts: true });
    await sleep(3000);
    const signalledAt = Date.now();
    const exitCode = await servers[0]!.stop();
    const exitedAt = Date.now();
    const result = await load;
    expect(result.failures, varnish.varnishlog().slice(-4000)).toEqual([]);
    expect(exitCode).toBe(0);
    // It waited the default drain (10 s) before closing, and readers were served after it had gone.
    expect(exitedAt - signalledAt).toBeGreaterThanOrEqual(10_000);
    expect(servers[0]!.output()).toMatch(/SIGTERM: readiness fails now; finishing in-flight requests after 10000 ms/);
    expect(result.answeredAt.filter((at) => at > exitedAt).length).toBeGreaterThan(10);
    expect(varnish.health().byline_1).toBe('sick');
  }, 60_000);

  it('loses no GET while one server is killed (SIGKILL) under load', async () => {
    // The stopped server comes back on its port; the probe takes it in again after 3 good answers.
    servers[0] = await startClusterServer(env(ports[0]!));
    await varnish.waitForHealth({ byline_1: 'healthy', byline_2: 'healthy' }, 20_000);
    const load = readLoad(25_000);
    await sleep(3000);
    await servers[1]!.kill();
    const killedAt = Date.now();
    const result = await load;
    expect(result.failures, varnish.varnishlog().slice(-4000)).toEqual([]);
    expect(result.answeredAt.filter((at) => at > killedAt).length).toBeGreaterThan(50);
    expect(varnish.health()).toEqual({ byline_1: 'healthy', byline_2: 'sick' });
  }, 90_000);

  it("with both servers gone: the cached page from grace, anything else the site's own 503 page", async () => {
    await servers[0]!.kill();
    await varnish.waitForHealth({ byline_1: 'sick', byline_2: 'sick' }, 15_000);
    // Past the page's s-maxage (60 s): only grace (stale-while-revalidate=600) can serve it now.
    await sleep(Math.max(0, graced.at + 61_000 - Date.now()));
    const stale = await fetch(`${varnish.url}${graced.path}`);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('HIT');
    expect(Number(stale.headers.get('age'))).toBeGreaterThanOrEqual(60);
    expect(await stale.text()).toBe(graced.body);

    const uncached = await fetch(`${varnish.url}/stories/${slugs[1]}?replytocom=999999999`);
    const html = await uncached.text();
    expect(uncached.status).toBe(503);
    expect(html).toContain('<title>Byline is unavailable</title>');
    expect(html).not.toMatch(/guru meditation|varnish/i);
  }, 90_000);
});
