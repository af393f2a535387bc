import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStory } from '../helpers/content';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  trackPageErrors,
  expectNoAxeViolationsAsServed,
} from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/** The demo stories tagged "Flooding", newest first. */
const FLOODING = [
  'Residents photograph the year’s highest tides to show what sea-level rise looks like',
  'Sixty sensors in the storm drains will show where Port Alder floods first',
  'Raise it, move it or patch it: the three options for the eastern sea wall',
];
const TOKEN = 'tags-e2e-token-0123456789abcdef01';

let server: RunningServer;
let browser: Browser;
let noScript: BrowserContext;
let withScript: BrowserContext;

beforeAll(async () => {
  server = await startServer({ ADMIN_TOKEN: TOKEN });
  browser = await launchBrowser();
  noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  withScript = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await noScript?.close();
  await withScript?.close();
  await browser?.close();
  await server?.stop();
});

const cardHeadlines = (page: Page) => page.locator('.story-list h2').allTextContents();

describe('tags without JavaScript', () => {
  it("links a story's tags to their pages, which list the tag's stories and offer its feed", async () => {
    const page = await noScript.newPage();
    await page.goto(`${server.url}/stories/sea-wall-options-explained`);
    const tags = page.getByRole('navigation', { name: 'Tags' });
    expect(await tags.getByRole('link').allTextContents()).toEqual([
      'Flooding',
      'Sea wall',
      'Sea-level rise',
      'Council decisions',
    ]);
    expect(await tags.getByRole('link', { name: 'Sea-level rise' }).getAttribute('href')).toBe('/tags/sea-level');
    await tags.getByRole('link', { name: 'Flooding' }).click();
    await page.waitForURL(/\/tags\/flooding$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Flooding');
    expect(await page.locator('.tag-count').textContent()).toBe('3 stories tagged Flooding');
    expect(await cardHeadlines(page)).toEqual(FLOODING);
    expect(await page.title()).toMatch(/^Flooding — /);
    expect(await page.locator('head link[rel="alternate"][type="application/rss+xml"]').getAttribute('href')).toBe(
      `${server.url}/tags/flooding/feed.xml`,
    );
    await expectNoAxeViolationsAsServed(page);
    await page.close();
  });

  it('puts the tags in the story page’s article:tag meta and NewsArticle keywords', async () => {
    const page = await noScript.newPage();
    await page.goto(`${server.url}/stories/king-tide-photo-project`);
    const metas = await page
      .locator('head meta[property="article:tag"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('content')));
    expect(metas).toEqual(['Flooding', 'Sea-level rise', 'Volunteers']);
    const article = (await page.locator('script[type="application/ld+json"]').allTextContents())
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((block) => block['@type'] === 'NewsArticle');
    expect(article?.keywords).toEqual(['Flooding', 'Sea-level rise', 'Volunteers']);
    await page.close();
  });

  it('answers an unknown tag with a 404 page', async () => {
    const page = await noScript.newPage();
    const response = await page.goto(`${server.url}/tags/astrology`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tag not found');
    await expectNoAxeViolationsAsServed(page);
    await page.close();
  });

  it("pages through a tag's stories by links, and a new tagged story joins its page at once", async () => {
    // Eleven more flooding stories, published through the publishing API as an editor would.
    for (let index = 1; index <= 11; index++) {
      const slug = `flood-watch-${index}`;
      const put = await fetch(`${server.url}/api/admin/stories/${slug}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(
          makeStory(slug, {
            authorId: 'samir-vance',
            headline: `Flood watch, day ${index}`,
            publishedAt: new Date(Date.UTC(2026, 10, 25, index)).toISOString(),
            tags: ['Flooding'] as never,
          }),
        ),
      });
      expect(put.status, await put.text()).toBe(201);
    }
    const page = await noScript.newPage();
    await page.goto(`${server.url}/tags/flooding`);
    expect(await page.locator('.tag-count').textContent()).toBe('14 stories tagged Flooding');
    const first = await cardHeadlines(page);
    expect(first).toHaveLength(10);
    expect(first[0]).toBe('Flood watch, day 11');
    await page.getByRole('link', { name: 'More stories' }).click();
    await page.waitForURL(/\/tags\/flooding\?cursor=[\w-]+#main$/);
    const second = await cardHeadlines(page);
    expect(second.slice(-3)).toEqual(FLOODING);
    expect(new Set([...first, ...second]).size).toBe(14);
    await expectNoAxeViolationsAsServed(page);
    await page.close();
  });
});

describe('tags in the app', () => {
  it("opens a tag's page from a story without a reload, its code loaded then, and passes axe", async () => {
    const page = await withScript.newPage();
    const errors = trackPageErrors(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await openPage(page, `${server.url}/stories/storm-drain-sensors`);
    const before = scripts.length;
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.getByRole('navigation', { name: 'Tags' }).getByRole('link', { name: 'Open data' }).click();
    await page.waitForURL(/\/tags\/open-data$/);
    await page.getByRole('heading', { level: 1, name: 'Open data' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(scripts.length).toBeGreaterThan(before);
    expect(await cardHeadlines(page)).toEqual([FLOODING[1]]);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
