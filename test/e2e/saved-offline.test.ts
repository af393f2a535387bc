import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Story, StoryPage } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage, reloadPage, trackPageErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * Saved stories and offline reading, against the built app and the real server: the Save button, the /saved page,
 * the service worker (public/sw.js) and the offline banner. Each test gets its own browser context, so each starts
 * with nothing saved and no service worker.
 */
let server: RunningServer;
let browser: Browser;
let slugs: string[];
const contexts: BrowserContext[] = [];

const api = async <T>(path: string, schema: { parse: (value: unknown) => T }) =>
  schema.parse(await (await fetch(`${server.url}${path}`)).json());

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

async function openStory(page: Page, slug: string) {
  const story = await api(`/api/stories/${slug}`, Story);
  await openPage(page, `${server.url}/stories/${slug}`);
  await expect.poll(() => page.locator('h1').textContent()).toBe(story.headline);
  // Hydrated, lazily loaded parts (the comments) included: going offline any earlier would fail those, not us.
  await page.waitForLoadState('networkidle');
  return story;
}

/** Waits until the service worker is installed and controls the page, so its requests go through it. */
const serviceWorkerInControl = (page: Page) =>
  page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
    return navigator.serviceWorker.controller?.scriptURL;
  });

/** True once the worker has a complete offline copy of the story: its page and its data. */
const keptOffline = (page: Page, slug: string) =>
  page.evaluate(
    async (slug) => Boolean((await caches.match(`/stories/${slug}`)) && (await caches.match(`/api/stories/${slug}`))),
    slug,
  );

const saveButton = (page: Page) => page.locator('article').getByRole('button', { name: /^Saved?$/ });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  slugs = (await api('/api/stories?limit=10', StoryPage)).stories.map((story) => story.slug);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe('saving stories', () => {
  it('saves a story from its page, lists it on /saved (newest first), and removes it from there', async () => {
    const page = await newPage();
    const errors = trackPageErrors(page);
    const [first, second] = [await openStory(page, slugs[0]!), await api(`/api/stories/${slugs[1]}`, Story)];

    const button = saveButton(page);
    expect(await button.textContent()).toBe('Save');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await page.locator('article').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect(await button.textContent()).toBe('Saved');
    expect(await page.locator('article').getByRole('status').allTextContents()).toContain('Saved');

    // Saved across a reload (localStorage), and the page renders it as saved after hydration.
    await reloadPage(page);
    await expect.poll(() => saveButton(page).getAttribute('aria-pressed')).toBe('true');

    await openStory(page, second.slug);
    await saveButton(page).click();
    await expect.poll(() => saveButton(page).getAttribute('aria-pressed')).toBe('true');

    await openPage(page, `${server.url}/saved`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Saved stories');
    expect(await page.title()).toBe('Saved stories — Byline');
    const headlines = page.locator('.saved-item h2');
    await expect.poll(() => headlines.allTextContents()).toEqual([second.headline, first.headline]);
    expect(await page.getByRole('link', { name: first.headline }).getAttribute('href')).toBe(`/stories/${first.slug}`);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: `Remove “${second.headline}” from saved stories` }).click();
    await expect.poll(() => headlines.allTextContents()).toEqual([first.headline]);
    expect(await page.locator('main [role="status"]').first().textContent()).toBe(
      `Removed “${second.headline}” from saved stories.`,
    );
    // Focus stays in the list, on the next Remove button.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe(`Remove “${first.headline}” from saved stories`);

    // The story link works on the client and shows the story as saved.
    await page.getByRole('link', { name: first.headline }).click();
    await page.waitForURL(`${server.url}/stories/${first.slug}`);
    await expect.poll(() => saveButton(page).getAttribute('aria-pressed')).toBe('true');
    await saveButton(page).click();
    await expect.poll(() => saveButton(page).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('article').getByRole('status').allTextContents()).toContain('Removed from saved stories');

    await openPage(page, `${server.url}/saved`);
    await expect
      .poll(() => page.locator('.saved-intro').first().textContent())
      .toContain('You have not saved any stories');
    expect(await page.getByRole('link', { name: 'Browse the latest stories' }).getAttribute('href')).toBe('/');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });

  it('says so plainly when the browser will not keep saved stories, and nothing breaks', async () => {
    const page = await newPage();
    const errors = trackPageErrors(page);
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await openStory(page, slugs[2]!);
    await saveButton(page).click();
    const refused = page.locator('article .save-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('This browser is not letting this site keep saved stories');
    expect(await refused.getAttribute('role')).toBe('status');
    expect(await saveButton(page).getAttribute('aria-pressed')).toBe('false');
    await expectNoAxeViolations(page);

    await openPage(page, `${server.url}/saved`);
    await expect
      .poll(() => page.locator('.saved-intro').first().textContent())
      .toContain('You have not saved any stories');
    expect(errors).toEqual([]);
  });
});

describe('offline reading', () => {
  it('reloads and reads a saved story offline; an unsaved story offline gets a page that says what is available', async () => {
    const page = await newPage();
    const errors = trackPageErrors(page);
    const saved = await openStory(page, slugs[3]!);
    expect(await serviceWorkerInControl(page)).toBe(`${server.url}/sw.js`);
    await saveButton(page).click();
    await expect.poll(() => keptOffline(page, saved.slug), { timeout: 15_000 }).toBe(true);

    await page.context().setOffline(true);
    try {
      const response = await reloadPage(page);
      expect(response?.fromServiceWorker()).toBe(true);
      await expect.poll(() => page.locator('h1').textContent()).toBe(saved.headline);
      await page.locator('.story-body').waitFor();
      expect(await page.locator('.story-body > *').count()).toBeGreaterThanOrEqual(saved.body.length - 1);
      expect(await page.locator('.standfirst').textContent()).toBe(saved.standfirst);
      // Hydrated from the cached page: the app runs (the banner reads the browser's state) and is still saved.
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'You are offline' }).count()).toBe(1);
      await expect.poll(() => saveButton(page).getAttribute('aria-pressed')).toBe('true');
      // Its lead image and its comments came along.
      if (saved.image) {
        const lead = page.locator('.story-figure img').first();
        await expect
          .poll(() => lead.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
          .toBe(true);
      }
      await page.locator('#comments h2').waitFor();

      // The saved list works offline too, and leads back to the story on the client.
      await openPage(page, `${server.url}/saved`);
      await expect.poll(() => page.locator('.saved-item h2').allTextContents()).toEqual([saved.headline]);
      await expect.poll(() => page.locator('.saved-item').textContent()).toContain('Available offline');
      await page.getByRole('link', { name: saved.headline }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(saved.headline);

      // A story that was never saved: not a blank page, but one that says what is and is not available.
      const unsaved = await api(`/api/stories/${slugs[4]}`, Story);
      const offlinePage = await page.goto(`${server.url}/stories/${unsaved.slug}`);
      expect(offlinePage?.status()).toBe(503);
      expect(await page.locator('h1').textContent()).toBe('You are offline');
      expect(await page.locator('main').textContent()).toContain('not saved for offline reading');
      expect(await page.getByRole('link', { name: saved.headline }).getAttribute('href')).toBe(
        `/stories/${saved.slug}`,
      );
      expect(await page.getByRole('link', { name: 'saved stories' }).first().getAttribute('href')).toBe('/saved');
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: saved.headline }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(saved.headline);
    } finally {
      await page.context().setOffline(false);
    }
    expect(errors).toEqual([]);

    // Removing the story drops its offline copy.
    await openPage(page, `${server.url}/stories/${saved.slug}`);
    await expect.poll(() => saveButton(page).getAttribute('aria-pressed')).toBe('true');
    await saveButton(page).click();
    await expect.poll(() => keptOffline(page, saved.slug), { timeout: 15_000 }).toBe(false);
  });

  it('shows a banner when the connection goes, says when it is back, and refreshes the page’s data', async () => {
    const page = await newPage();
    const errors = trackPageErrors(page);
    await openStory(page, slugs[5]!);
    const banner = page.locator('header [role="status"]');
    expect(await banner.textContent()).toBe('');

    await page.context().setOffline(true);
    await expect.poll(() => banner.textContent()).toContain('You are offline');
    await expectNoAxeViolations(page);
    // The link works offline too: the saved page, or (its code not stored yet) a plain word on it, never a blank page.
    await banner.getByRole('link', { name: 'Go to saved stories' }).click();
    await page.waitForURL(`${server.url}/saved`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Saved stories');
    await page.goBack();
    await expect.poll(() => page.locator('article').count()).toBe(1);

    const refetch = page.waitForRequest((request) => request.url().startsWith(`${server.url}/api/stories/${slugs[5]}`));
    await page.context().setOffline(false);
    await expect.poll(() => banner.textContent()).toBe('You are back online.');
    await refetch;
    // The message goes after a few seconds.
    await expect.poll(() => banner.locator('p').isVisible(), { timeout: 10_000 }).toBe(false);
    expect(errors).toEqual([]);
  });
});
