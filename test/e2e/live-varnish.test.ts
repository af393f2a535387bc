import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStory } from '../helpers/content';
import { freePort } from '../helpers/postgres';
import { startServer, type RunningServer } from '../helpers/server';
import { startVarnish, type RunningVarnish } from '../helpers/varnish';

/** A live story's update answer behind Varnish with the shipped VCL: kept between polls, purged by the entry. */
const TOKEN = 'live-varnish-token-0123456789abcd';
const SLUG = 'storm-behind-varnish';
let varnish: RunningVarnish;
let server: RunningServer;

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}/api/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  const port = await freePort();
  varnish = await startVarnish(`http://127.0.0.1:${port}`);
  server = await startServer({ PORT: String(port), ADMIN_TOKEN: TOKEN, CDN_PURGE_URL: varnish.purgeUrl });
  // Varnish started first and found no server: the probe takes it in after 3 good answers.
  await varnish.waitForHealth({ byline_1: 'healthy' }, 20_000);
  const list = (await (await fetch(`${server.url}/api/stories?limit=3`)).json()) as {
    stories: { slug: string; author: { id: string } }[];
  };
  const story = makeStory(SLUG, {
    authorId: list.stories[0]!.author.id,
    section: 'City',
    related: list.stories.map((entry) => entry.slug),
    live: { status: 'live', startedAt: '2026-12-07T08:00:00Z' },
  });
  expect((await admin('PUT', `/stories/${SLUG}`, story)).status).toBe(201);
  // Varnish started before the server: it sends requests once its probe has seen the server up (3 probes).
  await varnish.waitForHealth({ byline_1: 'healthy' }, 15_000);
});

afterAll(async () => {
  await server?.stop();
  await varnish?.stop();
});

describe('the update answer behind Varnish', () => {
  it('is served from the cache between entries and purged the moment an entry is published', async () => {
    const path = `${varnish.url}/api/stories/${SLUG}/updates?since=0`;
    const first = await fetch(path);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { rev: number }).rev).toBe(0);
    const second = await fetch(path);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=5, stale-while-revalidate=10');

    const published = await admin('POST', `/stories/${SLUG}/entries/first`, {
      id: 'first',
      blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'The first entry.' }] }],
    });
    expect(published.status).toBe(201);
    const started = Date.now();
    let rev = 0;
    while (rev === 0 && Date.now() - started < 1000) {
      rev = ((await (await fetch(path)).json()) as { rev: number }).rev;
      if (rev === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rev).toBe(1);
    expect((await fetch(path)).headers.get('x-cache')).toBe('HIT');
  });
});
