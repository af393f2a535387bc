import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoryFile } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage, reloadPage, trackPageErrors } from '../helpers/browser';
import { makeAuthor, makeStory, writeContentDir } from '../helpers/content';
import { startServer, type RunningServer } from '../helpers/server';

/** One more story than the author page shows at first (10), and then some. */
const COUNT = 14;
const slugs = Array.from({ length: COUNT }, (_, index) => `archive-${String(index + 1).padStart(2, '0')}`);
const stories: Record<string, StoryFile> = Object.fromEntries(
  slugs.map((slug, index) => [
    slug,
    makeStory(slug, {
      headline: `Archive story ${index + 1}`,
      publishedAt: new Date(Date.UTC(2026, 9, 1 + index, 8)).toISOString(),
      related: slugs.filter((other) => other !== slug).slice(0, 3),
    }),
  ]),
);
const contentDir = writeContentDir({ authors: [makeAuthor()], stories });
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ CONTENT_DIR: contentDir });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const headline = async (slug: string) => {
  const response = await fetch(`${server.url}/api/stories/${slug}`);
  return response.status === 200 ? ((await response.json()) as { headline: string }).headline : response.status;
};

describe('an author with more stories than one page holds', () => {
  it('shows the newest ten, server-rendered, and the rest with More stories', async () => {
    const html = await (await fetch(`${server.url}/authors/ada-test`)).text();
    expect(html.match(/class="story-card"/g)).toHaveLength(10);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/authors/ada-test`);
    const cards = page.locator('main h3');
    expect(await cards.count()).toBe(10);
    expect(await cards.first().textContent()).toBe(`Archive story ${COUNT}`);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'More stories' }).click();
    await expect.poll(() => cards.count()).toBe(COUNT);
    expect(await cards.last().textContent()).toBe('Archive story 1');
    expect(await page.getByRole('link', { name: 'More stories' }).count()).toBe(0);
    await expectNoAxeViolations(page);

    // Live content: a story file added while the server runs is on the author page within 5 s, no restart.
    const fresh = makeStory('fresh-off-the-press', {
      headline: 'Fresh off the press',
      publishedAt: '2026-11-20T08:00:00Z',
      related: slugs.slice(0, 3),
    });
    writeFileSync(join(contentDir, 'stories', 'fresh-off-the-press.json'), JSON.stringify(fresh));
    await expect
      .poll(() => headline('fresh-off-the-press'), { timeout: 5000, interval: 100 })
      .toBe('Fresh off the press');
    expect(errors.join('\n'), 'before the reload').toBe('');
    await reloadPage(page);
    expect(await cards.first().textContent()).toBe('Fresh off the press');
    expect(errors.join('\n'), 'after the reload').toBe('');

    // A broken edit keeps the last good version online and logs the file and the JSON path.
    writeFileSync(
      join(contentDir, 'stories', 'fresh-off-the-press.json'),
      JSON.stringify({ ...fresh, related: ['nowhere'] }),
    );
    await expect
      .poll(() => server.output(), { timeout: 5000, interval: 100 })
      .toMatch(/fresh-off-the-press\.json:\d+:\d+: related\[0\]: .*nowhere/);
    expect(await headline('fresh-off-the-press')).toBe('Fresh off the press');

    // Removed: readers get a real 404 within 5 s.
    rmSync(join(contentDir, 'stories', 'fresh-off-the-press.json'));
    await expect.poll(() => headline('fresh-off-the-press'), { timeout: 5000, interval: 100 }).toBe(404);
    expect((await fetch(`${server.url}/stories/fresh-off-the-press`)).status).toBe(404);
    expect(errors.join('\n')).toBe('');
    await context.close();
  }, 120_000);
});
