import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';
import { googleLiveBlogProblems, schemaOrgProblems } from '../schemaorg/validate';

/** A live story open in a reader's browser while the desk publishes entries through the API (issue 27). */
const TOKEN = 'live-e2e-token-0123456789abcdef01';
const POLL_SECONDS = 1;
const SLUG = 'storm-live';
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}/api/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const entry = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
  id,
  blocks: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  ...extra,
});

beforeAll(async () => {
  server = await startServer({
    ADMIN_TOKEN: TOKEN,
    LIVE_POLL_SECONDS: String(POLL_SECONDS),
    COMMENT_FLOOD_SECONDS: '0',
  });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const list = (await (await fetch(`${server.url}/api/stories?limit=3`)).json()) as {
    stories: { slug: string; author: { id: string } }[];
  };
  const entries = Array.from({ length: 25 }, (_, index) =>
    entry(`e${index + 1}`, `Entry number ${index + 1} of the storm.`, {
      at: new Date(Date.UTC(2026, 11, 7, 8, index)).toISOString(),
      ...(index === 2 ? { keyEvent: true, title: 'The storm makes landfall' } : {}),
      ...(index === 20 ? { keyEvent: true, title: 'Power is cut' } : {}),
      ...(index === 0 ? { pinned: true, title: 'What we know' } : {}),
    }),
  );
  const story = {
    slug: SLUG,
    section: 'City',
    headline: 'Storm over the harbour: live',
    authorId: list.stories[0]!.author.id,
    publishedAt: '2026-12-07T08:00:00Z',
    related: list.stories.map((story) => story.slug),
    body: [{ type: 'paragraph', content: [{ type: 'text', text: 'The latest as the storm comes in.' }] }],
    live: { status: 'live', startedAt: '2026-12-07T08:00:00Z' },
    entries,
  };
  const response = await admin('PUT', `/stories/${SLUG}`, story);
  expect(response.status, await response.clone().text()).toBe(201);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const entryIds = (page: Page) =>
  page.locator('.live-entries > li > article').evaluateAll((articles) => articles.map((article) => article.id));

describe('a live story', () => {
  it('lists its entries newest first with paging, the pinned entry and key events, without JavaScript', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const page = await plain.newPage();
    expect((await page.goto(`${server.url}/stories/${SLUG}`))?.status()).toBe(200);
    const ids = await entryIds(page);
    expect(ids).toHaveLength(20);
    expect(ids.slice(0, 2)).toEqual(['entry-e25', 'entry-e24']);
    expect(await page.locator('.live-pinned').textContent()).toContain('What we know');
    const keyEvents = page.getByRole('navigation', { name: 'Key events' });
    expect(await keyEvents.getByRole('link').allTextContents()).toEqual([
      expect.stringContaining('Power is cut'),
      expect.stringContaining('The storm makes landfall'),
    ]);
    // The older key event is on page 2: its link says so.
    expect(await keyEvents.getByRole('link').nth(1).getAttribute('href')).toBe('?page=2#entry-e3');
    await page.getByRole('link', { name: 'Older updates' }).click();
    await page.waitForURL(/\?page=2$/);
    expect(await entryIds(page)).toEqual(['entry-e5', 'entry-e4', 'entry-e3', 'entry-e2', 'entry-e1']);
    expect(await page.getByRole('link', { name: 'Newer updates' }).count()).toBe(1);
    await plain.close();
  });

  it('describes itself as a LiveBlogPosting with its entries as liveBlogUpdate, as search engines read it', async () => {
    const html = await (await fetch(`${server.url}/stories/${SLUG}`)).text();
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)];
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0]![1]!) as Record<string, unknown> & { liveBlogUpdate: Record<string, string>[] };
    // LiveBlogPosting is an Article (schema.org: LiveBlogPosting < BlogPosting < SocialMediaPosting < Article):
    // the article properties stay, and the live ones are added.
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'LiveBlogPosting',
      headline: 'Storm over the harbour: live',
      datePublished: '2026-12-07T08:00:00Z',
      coverageStartTime: '2026-12-07T08:00:00Z',
      mainEntityOfPage: `${server.url}/stories/${SLUG}`,
    });
    expect(data.coverageEndTime).toBeUndefined();
    // Every @type and property as schema.org's vocabulary defines them, each on a type its domain includes.
    expect(schemaOrgProblems(data)).toEqual([]);
    expect(googleLiveBlogProblems(data, false)).toEqual([]);
    const allowed = new Set(['@type', 'headline', 'datePublished', 'url', 'articleBody', 'author']);
    // The pinned entry first, then this page's 20.
    expect(data.liveBlogUpdate).toHaveLength(21);
    for (const update of data.liveBlogUpdate) {
      expect(Object.keys(update).filter((key) => !allowed.has(key))).toEqual([]);
      expect(update['@type']).toBe('BlogPosting');
      expect(update.headline!.length).toBeLessThanOrEqual(110);
      expect(Number.isNaN(Date.parse(update.datePublished!))).toBe(false);
      const anchor = new URL(update.url!).hash.slice(1);
      expect(html).toContain(`id="${anchor}"`);
    }
    expect(data.liveBlogUpdate[0]).toMatchObject({
      headline: 'What we know',
      articleBody: 'Entry number 1 of the storm.',
    });
  });

  it('is accessible as served and as the app shows it', async () => {
    const page = await context.newPage();
    await openPage(page, `${server.url}/stories/${SLUG}`);
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('shows a new entry within the interval when the reader is at the top', async () => {
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/stories/${SLUG}`);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const started = Date.now();
    expect(
      (await admin('POST', `/stories/${SLUG}/entries/top-news`, entry('top-news', 'Fresh from the desk'))).status,
    ).toBe(201);
    await page.locator('#entry-top-news').waitFor({ timeout: (POLL_SECONDS + 5) * 1000 });
    expect(Date.now() - started).toBeLessThan((POLL_SECONDS + 5) * 1000);
    expect((await entryIds(page))[0]).toBe('entry-top-news');
    expect(await page.getByRole('button', { name: /new update/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers "1 new update" without moving anything when the reader has scrolled into the entries', async () => {
    const page = await context.newPage();
    await openPage(page, `${server.url}/stories/${SLUG}`);
    await page.locator('#entry-e20').scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const shift of list.getEntries() as (PerformanceEntry & { value: number })[]) shifts.push(shift.value);
      }).observe({ type: 'layout-shift' });
    });
    const title = await page.title();
    const before = await page.evaluate(() => window.scrollY);
    expect(
      (await admin('POST', `/stories/${SLUG}/entries/while-reading`, entry('while-reading', 'Arrived while you read')))
        .status,
    ).toBe(201);
    const button = page.getByRole('button', { name: '1 new update' });
    await button.waitFor({ timeout: (POLL_SECONDS + 5) * 1000 });
    expect(await page.title()).toBe(`(1) ${title}`);
    expect(await page.locator('#entry-while-reading').count()).toBe(0);
    expect(await page.locator('[aria-live="polite"]', { hasText: '1 new update' }).count()).toBe(1);
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
    await button.click();
    await page.locator('#entry-while-reading').waitFor();
    expect(await page.title()).toBe(title);
    await page.close();
  });

  it('changes an edited entry in place and drops a removed one', async () => {
    const page = await context.newPage();
    await openPage(page, `${server.url}/stories/${SLUG}`);
    const edited = await admin(
      'PUT',
      `/stories/${SLUG}/entries/e24`,
      entry('e24', 'Corrected: the wind reached 120 km/h'),
    );
    expect(edited.status).toBe(200);
    await page.locator('#entry-e24', { hasText: 'Corrected: the wind reached 120 km/h' }).waitFor({
      timeout: (POLL_SECONDS + 5) * 1000,
    });
    expect((await entryIds(page)).indexOf('entry-e24')).toBeGreaterThan(0);
    expect((await admin('DELETE', `/stories/${SLUG}/entries/e23`)).status).toBe(204);
    await page.locator('#entry-e23').waitFor({ state: 'detached', timeout: (POLL_SECONDS + 5) * 1000 });
    await page.close();
  });

  it('stops asking for updates once the story has ended', async () => {
    const page = await context.newPage();
    const polls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/updates?')) polls.push(request.url());
    });
    await openPage(page, `${server.url}/stories/${SLUG}`);
    expect((await admin('POST', `/stories/${SLUG}/end`)).status).toBe(200);
    await page.getByText('This live coverage has ended').waitFor({ timeout: (POLL_SECONDS + 5) * 1000 });
    const seen = polls.length;
    expect(seen).toBeGreaterThan(0);
    await page.waitForTimeout(POLL_SECONDS * 3000);
    expect(polls.length).toBe(seen);
    await page.close();
    // The ended story's page says when the coverage ended, still valid schema.org with Google's fields.
    const html = await (await fetch(`${server.url}/stories/${SLUG}`)).text();
    const data = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!) as Record<
      string,
      unknown
    >;
    expect(data.coverageEndTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(schemaOrgProblems(data)).toEqual([]);
    expect(googleLiveBlogProblems(data, true)).toEqual([]);
  });
});

describe('new comments on an ordinary story', () => {
  it('announces "1 new comment" and shows it in the thread when asked, keeping the reader\'s pending comment', async () => {
    const list = (await (await fetch(`${server.url}/api/stories?limit=5`)).json()) as { stories: { slug: string }[] };
    const slug = list.stories.find((story) => story.slug !== SLUG)!.slug;
    const page = await context.newPage();
    await openPage(page, `${server.url}/stories/${slug}`);
    const form = page.getByRole('form', { name: 'Leave a reply' });
    await form.scrollIntoViewIfNeeded();
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Rita Reader');
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill('rita@example.com');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('My own comment, waiting for a moderator.');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    const mine = page.locator('.comment', { hasText: 'My own comment, waiting for a moderator.' });
    await mine.waitFor();

    const posted = await fetch(`${server.url}/api/stories/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Other Reader', email: 'other@example.com', text: 'Approved while Rita reads.' }),
    });
    expect(posted.status).toBe(201);
    const { comment } = (await posted.json()) as { comment: { id: number } };
    expect((await admin('POST', `/comments/${comment.id}/approve`)).status).toBe(200);

    const button = page.getByRole('button', { name: '1 new comment' });
    await button.waitFor({ timeout: (POLL_SECONDS + 5) * 1000 });
    expect(await page.locator('.comment', { hasText: 'Approved while Rita reads.' }).count()).toBe(0);
    await button.click();
    await page.locator('.comment', { hasText: 'Approved while Rita reads.' }).waitFor();
    expect(await mine.count()).toBe(1);
    expect(await button.count()).toBe(0);
    await page.close();
  });
});
