import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  trackPageErrors,
  expectNoAxeViolationsAsServed,
} from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/** Matches more than one page of the demo stories (ten a page). */
const COMMON = 'city OR water OR year OR people OR harbour OR council';

let server: RunningServer;
let browser: Browser;
let noScript: BrowserContext;
let withScript: BrowserContext;

beforeAll(async () => {
  server = await startServer();
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

const resultHeadlines = (page: Page) => page.locator('.search-result h2').allTextContents();

describe('search without JavaScript', () => {
  it('searches from the header of any page and pages through the results by links', async () => {
    const page = await noScript.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('searchbox', { name: 'Search stories' }).fill(COMMON);
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=/);
    const status = (await page.getByRole('status').allTextContents()).join(' ');
    const total = Number(/(\d+) stories match/.exec(status)?.[1]);
    expect(total).toBeGreaterThan(10);
    const first = await resultHeadlines(page);
    expect(first).toHaveLength(10);
    await expectNoAxeViolationsAsServed(page);

    await page.getByRole('link', { name: 'More results' }).click();
    await page.waitForURL(/cursor=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(COMMON);
    const second = await resultHeadlines(page);
    expect(new Set([...first, ...second]).size).toBe(total);
    await page.close();
  });

  it('filters by section with the form, and highlights the matched words', async () => {
    const page = await noScript.newPage();
    await page.goto(`${server.url}/search?q=harbour`);
    await page.getByText('Filters').click();
    await page.getByLabel('Section', { exact: true }).selectOption('science');
    await page.locator('form.search-form').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/section=science/);
    const metas = await page.locator('.search-meta').allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) expect(meta).toMatch(/^Science ·/);
    expect((await page.locator('.search-snippet mark').allTextContents()).map((text) => text.toLowerCase())).toContain(
      'harbour',
    );
    await page.close();
  });

  it('helps with an empty query, and names a bad filter beside its field', async () => {
    const page = await noScript.newPage();
    const empty = await page.goto(`${server.url}/search?q=`);
    expect(empty?.status()).toBe(200);
    expect(await page.textContent('main')).toContain('Type a word or two');
    await expectNoAxeViolationsAsServed(page);

    const bad = await page.goto(`${server.url}/search?q=tide&from=2026-13-45`);
    expect(bad?.status()).toBe(400);
    const from = page.getByLabel('From');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await from.getAttribute('aria-describedby')}`).textContent()).toMatch(/date/i);
    expect(await page.getByRole('searchbox', { name: 'Search for' }).inputValue()).toBe('tide');
    await page.close();
  });

  it('shows a query of markup as text', async () => {
    const page = await noScript.newPage();
    const query = '<img src=x onerror=alert(1)> "</title><script>alert(2)</script>';
    await page.goto(`${server.url}/search?q=${encodeURIComponent(query)}`);
    expect(await page.getByRole('searchbox', { name: 'Search for' }).inputValue()).toBe(query);
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    expect(await page.title()).toContain('<img src=x');
    await page.close();
  });
});

describe('search in the app', () => {
  it('follows typing after a pause, with no request per keystroke, and passes axe', async () => {
    const page = await withScript.newPage();
    const errors = trackPageErrors(page);
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/search')) requests.push(request.url());
    });
    await openPage(page, `${server.url}/search`);
    await page.getByRole('searchbox', { name: 'Search for' }).pressSequentially('sandbanks', { delay: 40 });
    await page.locator('.search-result').first().waitFor();
    expect(await resultHeadlines(page)).toContain(
      'Tagged harbour seals reveal a nightly commute to the outer sandbanks',
    );
    expect(new URL(page.url()).searchParams.get('q')).toBe('sandbanks');
    expect(requests.length).toBeLessThanOrEqual(2);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a reader past the limit on new searches', () => {
  it('is told how long to wait, keeps what they typed, and still gets searches already looked up', async () => {
    // One new search a minute from this address: the second is refused.
    const limited = await startServer({ SEARCH_RATE_PER_MINUTE: '1' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await openPage(page, `${limited.url}/search`);
      const box = page.getByRole('searchbox', { name: 'Search for' });
      await box.pressSequentially('sandbanks', { delay: 40 });
      await page.locator('.search-result').first().waitFor();
      await box.fill('');
      await box.pressSequentially('ferry', { delay: 40 });
      const alert = page.getByRole('alert').filter({ hasText: 'We could not load the results' });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/more than 1 new searches in a minute\. Please wait \d+ seconds/);
      expect(await box.inputValue()).toBe('ferry');
      await expectNoAxeViolations(page);
      // The answer already looked up is still served: back to the first search, results again.
      await box.fill('sandbanks');
      await page.locator('.search-result').first().waitFor();
      expect(await alert.count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await limited.stop();
    }
  });
});

describe('search for browsers and search engines', () => {
  it('serves an OpenSearch description and a WebSite SearchAction on the front page', async () => {
    const response = await fetch(`${server.url}/opensearch.xml`);
    expect(response.headers.get('content-type')).toContain('application/opensearchdescription+xml');
    expect(await response.text()).toContain(`template="${server.url}/search?q={searchTerms}"`);
    const page = await noScript.newPage();
    await page.goto(`${server.url}/`);
    expect(await page.locator('head link[rel="search"]').getAttribute('href')).toBe('/opensearch.xml');
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    const site = blocks
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((block) => block['@type'] === 'WebSite');
    expect(site).toMatchObject({
      potentialAction: {
        '@type': 'SearchAction',
        target: { urlTemplate: `${server.url}/search?q={search_term_string}` },
      },
    });
    await page.close();
  });
});
