import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { makeStory } from '../helpers/content';
import { freePort } from '../helpers/postgres';
import { startServer, type RunningServer } from '../helpers/server';
import { startVarnish, type RunningVarnish } from '../helpers/varnish';

/**
 * Live stories over server-sent events (LIVE_EVENTS=1): the real server, behind the shipped VCL too. Pages poll
 * only every 60 s here, so an entry that shows within seconds came by the stream.
 */
const TOKEN = 'live-events-token-0123456789abcdef';
const SLUG = 'storm-streamed';
const MAX = 2;
let server: RunningServer;
let varnish: RunningVarnish;
let browser: Browser | undefined;

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}/api/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const entry = (id: string, text: string) => ({
  id,
  blocks: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

interface Update {
  rev: number;
  changed: { id: string }[];
  commentCount: number;
}

/** An open event stream read as a reader's EventSource would: each `update` event's data, in order. */
async function openStream(base: string, since = 0) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/stories/${SLUG}/events?since=${since}`, { signal: controller.signal });
  const updates: Update[] = [];
  let text = '';
  let ended = false;
  const reading = (async () => {
    if (!response.ok || !response.body) return;
    const decoder = new TextDecoder();
    try {
      const body = response.body.getReader();
      for (;;) {
        const { value, done } = await body.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const event = text.slice(0, end);
          text = text.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (/^event: update$/m.test(event) && data) updates.push(JSON.parse(data) as Update);
        }
      }
    } catch {
      // Aborted by the test.
    }
    ended = true;
  })();
  const waitFor = async <T>(check: () => T | undefined, ms = 5000): Promise<T> => {
    const started = Date.now();
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() - started > ms) throw new Error(`nothing after ${ms} ms; got ${JSON.stringify(updates)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return {
    response,
    updates,
    waitFor,
    ended: () => ended,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

beforeAll(async () => {
  const port = await freePort();
  varnish = await startVarnish(`http://127.0.0.1:${port}`);
  server = await startServer({
    PORT: String(port),
    ADMIN_TOKEN: TOKEN,
    CDN_PURGE_URL: varnish.purgeUrl,
    LIVE_EVENTS: '1',
    LIVE_EVENTS_MAX: String(MAX),
    LIVE_POLL_SECONDS: '60',
  });
  const list = (await (await fetch(`${server.url}/api/stories?limit=3`)).json()) as {
    stories: { slug: string; author: { id: string } }[];
  };
  const story = makeStory(SLUG, {
    authorId: list.stories[0]!.author.id,
    section: 'City',
    related: list.stories.map((item) => item.slug),
    live: { status: 'live', startedAt: '2026-12-07T08:00:00Z' },
  });
  expect((await admin('PUT', `/stories/${SLUG}`, story)).status).toBe(201);
  // Varnish started before the server: it sends requests once its probe has seen the server up.
  await varnish.waitForHealth({ byline_1: 'healthy' }, 15_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await varnish?.stop();
});

describe('live event streams', { timeout: 60_000 }, () => {
  it('sends an entry published through the API to an open stream, through Varnish, never cached', async () => {
    for (const base of [server.url, varnish.url]) {
      const page = await (await fetch(`${server.url}/api/stories/${SLUG}/live`)).json();
      expect(page.events).toBe(true);
      const stream = await openStream(base, page.rev);
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get('cache-control')).toBe('no-store');
      // The first event at once: what changed after the page's revision (nothing).
      const first = await stream.waitFor(() => stream.updates[0]);
      expect(first).toMatchObject({ rev: page.rev, changed: [] });

      const id = `from-api-${base === server.url ? 'direct' : 'varnish'}`;
      expect((await admin('POST', `/stories/${SLUG}/entries/${id}`, entry(id, 'Sent down the stream'))).status).toBe(
        201,
      );
      const arrived = await stream.waitFor(() => stream.updates.find((update) => update.changed[0]?.id === id));
      expect(arrived.rev).toBeGreaterThan(first.rev);
      await stream.close();
    }
    // Varnish passed each stream to the server: a second reader's stream is its own, not a stored copy.
    const again = await fetch(`${varnish.url}/api/stories/${SLUG}/events?since=0`, {
      signal: AbortSignal.timeout(2000),
    });
    expect(again.headers.get('x-cache')).not.toBe('HIT');
    await again.body?.cancel();
  });

  it(`holds at most ${MAX} streams, refusing more with a 503 the page answers by polling`, async () => {
    // The last test's streams are closed; the server notices within moments.
    const open: Awaited<ReturnType<typeof openStream>>[] = [];
    const started = Date.now();
    while (open.length < MAX && Date.now() - started < 10_000) {
      const stream = await openStream(server.url);
      if (stream.response.status === 200) open.push(stream);
      else {
        await stream.close();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(open).toHaveLength(MAX);
    const refused = await fetch(`${server.url}/api/stories/${SLUG}/events`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('busy');
    // A closed stream makes room again.
    await open.pop()!.close();
    let status = 0;
    while (status !== 200 && Date.now() - started < 20_000) {
      const stream = await openStream(server.url);
      status = stream.response.status;
      await stream.close();
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    for (const stream of open) await stream.close();
    expect((await fetch(`${server.url}/api/stories/nowhere/events`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/stories/${SLUG}/events?since=x`)).status).toBe(400);
  });

  it('shows a published entry in an open page within moments, by the stream, with axe at zero', async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    const streams: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/events?since=')) streams.push(request.url());
    });
    // Several seconds pass while the other tests' streams close: wait until there is room.
    await openPage(page, `${server.url}/stories/${SLUG}`);
    await expect.poll(() => streams.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const id = 'seen-in-browser';
    expect((await admin('POST', `/stories/${SLUG}/entries/${id}`, entry(id, 'The river crests at noon.'))).status).toBe(
      201,
    );
    // Polling is every 60 s: only the stream brings it this soon.
    await page.locator(`#entry-${id}`).waitFor({ timeout: 5000 });
    expect(await page.locator(`#entry-${id}`).textContent()).toContain('The river crests at noon.');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ends every stream when the server drains', async () => {
    const stream = await openStream(server.url);
    expect(stream.response.status).toBe(200);
    await stream.waitFor(() => stream.updates[0]);
    const exit = server.pause();
    await stream.waitFor(() => (stream.ended() ? true : undefined), 5000);
    expect(await exit).toBe(0);
    await stream.close();
    await server.restart();
  });
});
