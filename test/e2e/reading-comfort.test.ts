import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SectionList, Story, StoryPage } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage, reloadPage } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let story: Story;

const api = async <T>(path: string, schema: { parse: (value: unknown) => T }) =>
  schema.parse(await (await fetch(`${server.url}${path}`)).json());

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const newest = (await api('/api/stories?limit=1', StoryPage)).stories[0]!;
  story = await api(`/api/stories/${newest.slug}`, Story);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openStory(page: Page) {
  await openPage(page, `${server.url}/stories/${story.slug}`);
  await page.locator('h1').waitFor();
}

describe('themes', () => {
  it('follows the system dark setting, with no violations in the dark theme', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await openStory(page);
    expect(await background(page)).toBe('rgb(20, 24, 28)');
    expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('lets the toggle win over the system setting, remembered across a reload, without a flash', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await openStory(page);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('false');
    expect(await background(page)).toBe('rgb(251, 249, 245)');
    await expectNoAxeViolations(page);

    // The page is the same for everyone; the boot script applies the cookie before the first paint. The server
    // also puts the choice on <html> for a reader who sends the cookie (so it shows without JavaScript), in an
    // answer no shared cache may keep.
    const answer = await page.request.get(`${server.url}/stories/${story.slug}`);
    expect(await answer.text()).toMatch(/<html lang="[\w-]+" data-theme="light">/);
    expect(answer.headers()['cache-control']).toBe('private, no-cache');
    await reloadPage(page);
    await page.locator('h1').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background(page)).toBe('rgb(251, 249, 245)');
    await context.close();
  });
});

describe('text size', () => {
  it('grows the story text in steps, is remembered, and keeps a 320 px layout intact', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    await openStory(page);
    const size = () =>
      page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.story-body')!).fontSize));
    const before = await size();
    const larger = page.getByRole('button', { name: 'Larger text' });
    await larger.click();
    await larger.click();
    await larger.click();
    expect(await size()).toBeGreaterThan(before * 1.4);
    expect(await larger.isDisabled()).toBe(true);
    expect(await page.getByRole('group', { name: 'Text size' }).getByRole('status').textContent()).toBe(
      'Text size: largest',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await reloadPage(page);
    await page.locator('h1').waitFor();
    expect(await size()).toBeGreaterThan(before * 1.4);
    await page.getByRole('button', { name: 'Smaller text' }).click();
    expect(await size()).toBeLessThan(before * 1.4);
    await expectNoAxeViolations(page);
    await context.close();
  });
});

describe('sharing', () => {
  it('copies the link where the Web Share API is missing, and says so', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    // Browsers without a share sheet (most desktops) take the copy path; make sure this one is one of them.
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'share', { value: undefined }));
    const page = await context.newPage();
    await openStory(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.locator('.share-message').textContent()).toBe('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/stories/${story.slug}`);
    await context.close();
  });

  it('uses the device share sheet where there is one', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const shared: unknown[] = [];
      (window as unknown as { shared: unknown[] }).shared = shared;
      Object.defineProperty(Navigator.prototype, 'share', { value: async (data: unknown) => void shared.push(data) });
    });
    const page = await context.newPage();
    await openStory(page);
    await page.getByRole('button', { name: 'Share' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shared: unknown[] }).shared))
      .toEqual([{ title: story.headline, url: `${server.url}/stories/${story.slug}` }]);
    await context.close();
  });
});

describe('printing', () => {
  it('prints the story without navigation, rail, form or controls, with link addresses after links', async () => {
    const page = await (await browser.newContext()).newPage();
    await openStory(page);
    await page.emulateMedia({ media: 'print' });
    const hidden = async (selector: string) =>
      page.evaluate(
        (target) =>
          [...document.querySelectorAll(target)].every((element) => getComputedStyle(element).display === 'none'),
        selector,
      );
    for (const selector of [
      '.related-rail',
      '.comment-form',
      '.story-tools',
      '.site-header nav',
      'button',
      '.skip-link',
    ]) {
      expect(await hidden(selector), selector).toBe(true);
    }
    expect(await page.locator('h1').isVisible()).toBe(true);
    const linkSuffix = await page.evaluate(() => {
      const link = document.querySelector('.story-body a[href]');
      return link ? getComputedStyle(link, '::after').content : 'no link';
    });
    expect(linkSuffix).toMatch(/^"? ?\(/);
    const widest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll('.story img')].map((image) => image.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(await page.evaluate(() => document.documentElement.clientWidth));
  });
});

describe('dates', () => {
  it('reads as relative when recent, with the full date on hover, and updates without a reload', async () => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    const published = Date.parse(story.publishedAt);
    await page.clock.install({ time: published + 3 * 60 * 60 * 1000 });
    await openStory(page);
    const time = page.locator('.byline time').first();
    await expect.poll(() => time.locator('[aria-hidden="true"]').textContent()).toBe('3 hours ago');
    expect(await time.getAttribute('title')).toMatch(/\d{4}/);
    expect(await time.locator('.visually-hidden').textContent()).toBe(await time.getAttribute('title'));
    await page.clock.runFor(60 * 60 * 1000);
    await expect.poll(() => time.locator('[aria-hidden="true"]').textContent()).toBe('4 hours ago');
    await context.close();
  });
});

describe('route-change indicator', () => {
  it('shows while a page takes more than a moment to load, and goes when it has loaded', async () => {
    const page = await (await browser.newContext()).newPage();
    await openStory(page);
    const target = story.related[0]!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/stories/${target.slug}`, async (route) => {
      await held;
      await route.continue();
    });
    // No hover: the story is not prefetched, so the slow answer keeps the page loading.
    await page.evaluate(
      (slug) => document.querySelector<HTMLAnchorElement>(`.related-rail a[href="/stories/${slug}"]`)!.click(),
      target.slug,
    );
    const indicator = page.locator('.route-progress');
    await expect.poll(() => indicator.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    expect(await indicator.getAttribute('aria-hidden')).toBe('true');
    release();
    await expect.poll(() => page.locator('h1').textContent()).toBe(target.headline);
    await expect.poll(() => indicator.count()).toBe(0);
  });
});

describe('reading progress', () => {
  it('fills as the reader scrolls, and is hidden from screen readers', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 700 } })).newPage();
    await openStory(page);
    const scale = () =>
      page.evaluate(
        () => new DOMMatrix(getComputedStyle(document.querySelector('.reading-progress-bar')!).transform).a,
      );
    expect(await page.locator('.reading-progress').getAttribute('aria-hidden')).toBe('true');
    expect(await scale()).toBeLessThan(0.05);
    await page.evaluate(() => window.scrollTo(0, document.getElementById('story')!.scrollHeight / 2));
    await expect.poll(scale).toBeGreaterThan(0.3);
  });
});

describe('sections', () => {
  it('filters the front page by section and opens a section from a story', async () => {
    const page = await (await browser.newContext()).newPage();
    const { sections } = await api('/api/sections', SectionList);
    await openPage(page, `${server.url}/`);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: sections[0]!.name }).click();
    await page.waitForURL(`${server.url}/sections/${sections[0]!.slug}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(sections[0]!.name);
    expect(await page.locator('.story-card').count()).toBe(sections[0]!.storyCount);
    expect(await nav.getByRole('link', { name: sections[0]!.name }).getAttribute('aria-current')).toBe('page');
    await expectNoAxeViolations(page);

    await openStory(page);
    await page.locator('.story-header .section-label a').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(story.section);
    expect((await fetch(`${server.url}/sections/no-such-section`)).status).toBe(404);
  });
});
