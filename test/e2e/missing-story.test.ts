import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../helpers/content';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * A missing story's page already says it is missing (the server's 404 travels in the page's data): the app
 * asks the API nothing more on a fresh load, and after a client navigation it asks once, for the story alone.
 */

const MISSING = 'no-such-story-xyz';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const stories = relatedSet('story');
  // A withdrawn story still linked from a published one: the link is how a reader reaches it in the app.
  stories['story-1'] = makeStory('story-1', {
    related: ['story-2', 'story-3', 'story-4'],
    body: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'See also ' },
          { type: 'link', href: `/stories/${MISSING}`, text: 'the withdrawn story' },
          { type: 'text', text: '.' },
        ],
      },
    ],
  });
  server = await startServer({ CONTENT_DIR: writeContentDir({ authors: [makeAuthor()], stories }) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every API request the page makes from now on, as "path". */
function apiRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) paths.push(pathname);
  });
  return paths;
}

/**
 * Long enough for anything the page would start after hydration to have been sent: the route's loader waits
 * a frame (or 100 ms in a hidden tab), and a retry of a failed query comes after a second.
 */
const settle = (page: Page) => page.waitForTimeout(2_500);

describe('a missing story', () => {
  it('asks the API nothing after a fresh load has hydrated, and passes axe', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = trackPageErrors(page);
    const requests = apiRequests(page);
    const response = await openPage(page, `${server.url}/stories/${MISSING}`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Story not found');
    await settle(page);
    expect(requests).toEqual([]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Story not found');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('is asked for once after a client navigation, and its comments never', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/stories/story-1`);
    await settle(page);
    const requests = apiRequests(page);
    await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'kept'));
    await page.getByRole('link', { name: 'the withdrawn story' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Story not found');
    await settle(page);
    // In place, not a reload: the request counted is the app's own.
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('kept');
    expect(requests).toEqual([`/api/stories/${MISSING}`]);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
