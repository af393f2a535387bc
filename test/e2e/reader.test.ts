import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_BLOCKS } from '../../src/features/story/firstScreen';
import { Story, StoryPage } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage, saveScreenshot, trackPageErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

const api = async <T>(path: string, schema: { parse: (value: unknown) => T }) =>
  schema.parse(await (await fetch(`${server.url}${path}`)).json());

/** A marker on window survives client-side navigation and disappears on a full reload. */
const markWindow = (page: Page) => page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'kept'));
const marker = (page: Page) => page.evaluate(() => (window as unknown as { __marker?: string }).__marker);
const focusedText = (page: Page) =>
  page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent?.trim()}`);

/** The first demo story whose first related story passes `test`, and that related story (the click's target). */
async function storyAndFirstRelated(test: (candidate: Story, related: Story) => boolean, what: string) {
  const summaries = (await api('/api/stories?limit=50', StoryPage)).stories;
  const stories = await Promise.all(summaries.map((summary) => api(`/api/stories/${summary.slug}`, Story)));
  for (const story of stories) {
    const related = stories.find((other) => other.slug === story.related[0]?.slug);
    if (related && test(story, related)) return { story, target: related };
  }
  throw new Error(`the demo content has no story whose first related story ${what}`);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('front page', () => {
  it('lists the latest stories, newest first, pages with "More stories", and passes axe', async () => {
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Latest stories');
    const first = await api('/api/stories?limit=10', StoryPage);
    const headlines = page.locator('.story-card h2');
    await expect.poll(() => headlines.count()).toBe(first.stories.length);
    expect(await headlines.allTextContents()).toEqual(first.stories.map((story) => story.headline));
    await expectNoAxeViolations(page);

    expect(first.nextCursor).not.toBeNull();
    await page.getByRole('link', { name: 'More stories' }).click();
    await expect.poll(() => headlines.count()).toBeGreaterThan(first.stories.length);
    expect(await page.title()).toBe('Byline — latest stories');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts with a "Skip to content" link for keyboard users', async () => {
    const page = await context.newPage();
    await openPage(page, `${server.url}/`);
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('A:Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});

describe('story page', () => {
  it('opens from the front page without a reload and shows header, body, author card and rail', async () => {
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/`);
    const firstLink = page.locator('.story-card h2 a').first();
    await firstLink.waitFor();
    const href = (await firstLink.getAttribute('href'))!;
    const story = await api(`/api${href}`, Story);
    await markWindow(page);
    await firstLink.click();

    await page.waitForURL(`${server.url}${href}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(story.headline);
    expect(await marker(page)).toBe('kept');
    expect(await page.title()).toBe(`${story.headline} — Byline`);
    await expect.poll(() => focusedText(page)).toBe(`H1:${story.headline}`);

    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('.story-header .section-label').textContent()).toBe(story.section);
    expect(await page.locator('.standfirst').textContent()).toBe(story.standfirst);
    expect(await page.locator('.byline time').first().getAttribute('datetime')).toBe(story.publishedAt);
    expect(await page.locator('.byline a', { hasText: story.author.name }).getAttribute('href')).toBe(
      `/authors/${story.author.id}`,
    );
    expect(await page.locator('.story-body > *').count()).toBeGreaterThanOrEqual(story.body.length - 1);

    const card = page.getByRole('complementary', { name: 'About the author' });
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(story.author.name);
    expect(await card.textContent()).toContain(story.author.role);
    for (const link of story.author.social) {
      expect(await card.locator(`a[href="${link.url}"]`).getAttribute('aria-label')).toContain(story.author.name);
    }

    const rail = page.getByRole('navigation', { name: 'Related stories' });
    expect(await rail.getByRole('heading', { level: 2 }).textContent()).toBe('You may also like');
    expect(await rail.locator('h3').allTextContents()).toEqual(story.related.map((related) => related.headline));
    expect(story.related.length).toBeGreaterThanOrEqual(3);

    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves to a related story on the client, then back to the same scroll position', async () => {
    const page = await context.newPage();
    const first = (await api('/api/stories?limit=1', StoryPage)).stories[0]!;
    const story = await api(`/api/stories/${first.slug}`, Story);
    const target = story.related[0]!;
    await openPage(page, `${server.url}/stories/${first.slug}`);
    await page.locator('h1', { hasText: story.headline }).waitFor();
    await markWindow(page);

    const link = page.getByRole('navigation', { name: 'Related stories' }).getByRole('link', { name: target.headline });
    await link.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 400);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    const scrolledTo = await page.evaluate(() => window.scrollY);
    await link.hover();
    await link.click();

    await page.waitForURL(`${server.url}/stories/${target.slug}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(target.headline);
    expect(await marker(page)).toBe('kept');
    await expect.poll(() => focusedText(page)).toBe(`H1:${target.headline}`);
    expect(await page.title()).toBe(`${target.headline} — Byline`);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

    await page.goBack();
    await page.waitForURL(`${server.url}/stories/${first.slug}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(story.headline);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolledTo - 5);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolledTo)).toBeLessThanOrEqual(5);
    expect(await marker(page)).toBe('kept');

    await page.goForward();
    await expect.poll(() => page.locator('h1').textContent()).toBe(target.headline);
    await page.close();
  });

  it('fetches what a related story opens with while the reader points at its link, so the click only renders', async () => {
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    // A story whose first related story has a lead image of its own, not shown on the first page.
    const { story, target } = await storyAndFirstRelated(
      (candidate, related) => related.image !== undefined && related.image.src !== candidate.image?.src,
      'has a lead image of its own',
    );
    const requests: { path: string; afterClick: boolean }[] = [];
    let clicked = false;
    page.on('request', (request) => requests.push({ path: new URL(request.url()).pathname, afterClick: clicked }));
    const asked = (test: (path: string) => boolean) => requests.filter((request) => test(request.path));
    const isCommentsCode = (path: string) => /^\/assets\/CommentsSection-[^/]+\.js$/.test(path);

    await openPage(page, `${server.url}/stories/${story.slug}`);
    const link = page.getByRole('navigation', { name: 'Related stories' }).getByRole('link', { name: target.headline });
    // The rail sits beside the story, so pointing at it needs no scrolling, which would load the comments' code anyway.
    expect(asked(isCommentsCode), 'the comments code was loaded before the reader pointed at the link').toEqual([]);
    await link.hover();
    await expect.poll(() => asked((path) => path === target.image!.src).length).toBe(1);
    await expect.poll(() => asked(isCommentsCode).length).toBe(1);
    expect(asked((path) => path === `/api/stories/${target.slug}`)).toHaveLength(1);

    clicked = true;
    await link.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(target.headline);
    const lead = page.locator('.story-figure img').first();
    expect(await lead.getAttribute('src')).toBe(target.image!.src);
    await expect
      .poll(() => lead.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
      .toBe(true);
    await page.locator('#comments-heading').waitFor();
    // The story, its lead image and the comments' code were all on hand: the click asked for none of them again.
    expect(
      requests.filter(
        (request) =>
          request.afterClick &&
          (request.path === target.image!.src ||
            request.path === `/api/stories/${target.slug}` ||
            isCommentsCode(request.path)),
      ),
    ).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("paints a clicked story's header and first screen of text first, then the rest of its body with its images", async () => {
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    // A story whose first related story has an image in its body after a few blocks of text, within a first screen.
    const imageAt = (story: Story) => story.body.findIndex((block) => block.type === 'image');
    const { story, target } = await storyAndFirstRelated(
      (_candidate, related) => imageAt(related) > 0 && imageAt(related) <= FIRST_SCREEN_BLOCKS,
      'has an image after its first block',
    );
    const image = target.body[imageAt(target)] as Extract<Story['body'][number], { type: 'image' }>;

    await openPage(page, `${server.url}/stories/${story.slug}`);
    // What the body holds in the commit that puts the new headline on the page (a MutationObserver sees each
    // commit's changes together, before the next pass).
    await page.evaluate((headline) => {
      const seen = window as unknown as { __firstBody?: number; __firstImages?: number };
      const observer = new MutationObserver(() => {
        if (document.querySelector('h1')?.textContent?.trim() !== headline) return;
        observer.disconnect();
        seen.__firstBody = document.querySelectorAll('.story-body > *').length;
        seen.__firstImages = document.querySelectorAll('.story-body img').length;
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    }, target.headline);
    const link = page.getByRole('navigation', { name: 'Related stories' }).getByRole('link', { name: target.headline });
    // Pointing at the link fetches the story, so the click renders it at once (without its data there is a
    // skeleton first, and then the whole story in one pass).
    const fetched = page.waitForResponse(
      (response) => new URL(response.url()).pathname === `/api/stories/${target.slug}`,
    );
    await link.hover();
    await (await fetched).finished();
    // …and reads it into its cache a few milliseconds later (the wait leaves room for a loaded machine).
    await page.waitForTimeout(500);
    await link.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(target.headline);
    const first = await page.evaluate(() => {
      const seen = window as unknown as { __firstBody?: number; __firstImages?: number };
      return { __firstBody: seen.__firstBody, __firstImages: seen.__firstImages };
    });
    expect(first.__firstBody).toBe(imageAt(target));
    expect(first.__firstImages).toBe(0);

    await expect.poll(() => page.locator('.story-body > *').count()).toBe(target.body.length);
    const bodyImage = page.locator(`.story-body img[src="${image.src}"]`);
    expect(await bodyImage.getAttribute('alt')).toBe(image.alt);
    await bodyImage.scrollIntoViewIfNeeded();
    await expect
      .poll(() => bodyImage.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0))
      .toBe(true);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an embedded post whose media cannot load as its text and a link to the original', async () => {
    const page = await context.newPage();
    const pages = await api('/api/stories?limit=50', StoryPage);
    const stories = await Promise.all(pages.stories.map((summary) => api(`/api/stories/${summary.slug}`, Story)));
    const withBrokenEmbed = stories.find((story) =>
      story.body.some((block) => block.type === 'embed' && block.media?.src.includes('missing')),
    )!;
    const embed = withBrokenEmbed.body.find((block) => block.type === 'embed')!;
    if (embed.type !== 'embed') throw new Error('no embed');
    await openPage(page, `${server.url}/stories/${withBrokenEmbed.slug}`);
    const figure = page.locator('figure.embed');
    await figure.scrollIntoViewIfNeeded();
    await expect.poll(() => figure.locator('img').count()).toBe(0);
    expect(await figure.locator('blockquote').textContent()).toContain(embed.text.split('\n')[0]!.slice(0, 40));
    expect(await figure.getByRole('link', { name: /View the original post/ }).getAttribute('href')).toBe(embed.url);
    expect(await figure.textContent()).toContain('could not be loaded');
    await page.close();
  });

  it('looks right on a desktop and on a phone (screenshots saved to test-results/)', async () => {
    const slug = (await api('/api/stories?limit=1', StoryPage)).stories[0]!.slug;
    for (const [name, width, height] of [
      ['story-1280', 1280, 900],
      ['story-390', 390, 844],
    ] as const) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await openPage(page, `${server.url}/stories/${slug}`);
      await page.locator('.related-rail').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, name);
      if (width < 400) await expectNoAxeViolations(page);
      await page.close();
    }
  });
});

describe('author page', () => {
  it('opens from the byline and lists the author’s stories', async () => {
    const page = await context.newPage();
    const first = (await api('/api/stories?limit=1', StoryPage)).stories[0]!;
    await openPage(page, `${server.url}/stories/${first.slug}`);
    await markWindow(page);
    await page.locator('.byline a', { hasText: first.author.name }).click();
    await page.waitForURL(`${server.url}/authors/${first.author.id}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(first.author.name);
    expect(await marker(page)).toBe('kept');
    expect(await page.locator('.story-card h3').allTextContents()).toContain(first.headline);
    await expectNoAxeViolations(page);
    await page.close();
  });
});

describe('not found', () => {
  it('shows "Story not found" for a missing story and "Page not found" elsewhere, both with a way home', async () => {
    const page = await context.newPage();
    const missing = await openPage(page, `${server.url}/stories/no-such-story`);
    expect(missing?.status()).toBe(404);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Story not found');
    await expectNoAxeViolations(page);

    const response = await openPage(page, `${server.url}/this/is/not/a/page`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Go to the front page' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Latest stories');
    await page.close();
  });

  it('answers missing assets and API routes with real 404s', async () => {
    expect((await fetch(`${server.url}/assets/nope-123.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/images/nope.svg`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/nope`)).status).toBe(404);
  });
});

describe('serving the built app', () => {
  it('lets shared caches keep pages a minute (browsers revalidate), caches hashed assets for good, and compresses', async () => {
    const html = await fetch(`${server.url}/stories/anything`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(html.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=600');
    expect(html.headers.get('content-encoding')).toMatch(/gzip|br/);
    const page = await html.text();
    // The page's one script is inline: it loads the entry after the first paint, and the CSP allows it by its
    // hash alone (no 'unsafe-inline').
    const [, asset, boot] = /<script data-entry="(\/assets\/[^"]+\.js)"[^>]*>([^<]+)<\/script>/.exec(page)!;
    const policy = html.headers.get('content-security-policy')!;
    const scriptSrc = policy.split(';').find((directive) => directive.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe(`script-src 'self' 'sha256-${createHash('sha256').update(boot!).digest('base64')}'`);
    const script = await fetch(`${server.url}${asset}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Built assets go out precompressed at the highest levels, brotli first.
    expect(script.headers.get('content-encoding')).toBe('br');
    const gzipOnly = await fetch(`${server.url}${asset}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzipOnly.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipOnly.text()).toBe(await script.text());
  });

  it('prints what it loaded and the URL it serves, and shuts down cleanly on SIGTERM', async () => {
    const second = await startServer();
    expect(second.output()).toMatch(/content: \d+ stories, \d+ pages and \d+ authors/);
    expect(second.output()).toMatch(/Byline is serving at http:\/\/127\.0\.0\.1:\d+\//);
    const exitCode = await second.pause();
    expect(exitCode).toBe(0);
    expect(second.output()).toContain('shutdown: done');
    await second.stop();
  });
});
