import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../helpers/content';
import { expectNoAxeViolations, launchBrowser, openPage } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/** A story card gives its text the image's column only when it has an image; without one, the text is full width. */

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const stories = relatedSet('card');
  stories['card-1'] = makeStory('card-1', {
    headline: 'A story with a lead image',
    image: { src: '/images/stories/tide-mill.svg', alt: 'A mill', width: 1200, height: 675 },
    related: ['card-2', 'card-3', 'card-4'],
    publishedAt: '2026-11-05T09:00:00Z',
  });
  stories['card-2'] = makeStory('card-2', {
    headline: 'A story without an image',
    related: ['card-1', 'card-3', 'card-4'],
    publishedAt: '2026-11-04T09:00:00Z',
  });
  server = await startServer({ CONTENT_DIR: writeContentDir({ authors: [makeAuthor()], stories }) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The width of a card's text and of the card itself, found by the card's headline. */
async function widths(page: Page, headline: string) {
  const card = page.locator('.story-card', { hasText: headline });
  const cardBox = await card.boundingBox();
  const textBox = await card.locator('.story-card-text').boundingBox();
  if (!cardBox || !textBox) throw new Error(`the card "${headline}" is not laid out`);
  return { card: cardBox.width, text: textBox.width };
}

describe('story cards', () => {
  for (const [name, path] of [
    ['front page', '/'],
    ['section page', '/sections/city'],
    ['author page', '/authors/ada-test'],
  ] as const) {
    it(`on the ${name}, a card without an image lays out its text at the card's full width`, async () => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await openPage(page, `${server.url}${path}`);
      await expect.poll(() => page.locator('.story-card').count()).toBeGreaterThan(1);
      const plain = await widths(page, 'A story without an image');
      expect(plain.text).toBeGreaterThan(plain.card - 1);
      // The card with an image keeps its 14rem image column beside the text, so the measure tells them apart.
      const pictured = await widths(page, 'A story with a lead image');
      expect(pictured.text).toBeLessThan(pictured.card - 14 * 16);
      await expectNoAxeViolations(page);
      await page.context().close();
    });
  }
});
