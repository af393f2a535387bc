import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accentPair } from '../../server/branding';
import { contrast, parseHex } from '../../server/branding';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../helpers/content';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';
import { parseFeed } from '../helpers/xmlCheck';

/** A lead image the build serves (public/images), so its feed enclosure can say its real length. */
const LOCAL_IMAGE = '/images/stories/cannery-theatre.svg';
const ACCENT = '#8a1c4a';
const ICON_COLOUR = '#2a7f3f';
const SITE = {
  name: 'The Estuary Post',
  description: 'News from the estuary towns.',
  language: 'en-GB',
  accentColor: ACCENT,
  icon: 'brand/icon.png',
  logo: { src: '/images/stories/gull-island-ferry.svg', alt: 'unused: the name is the alt text', includesName: true },
};

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const stories: Record<string, unknown> = relatedSet();
  stories['no-picture'] = makeStory('no-picture', {
    headline: 'The ferry runs late',
    section: 'Transport',
    publishedAt: '2026-11-20T08:30:00Z',
    updatedAt: '2026-11-21T10:00:00Z',
    related: ['story-1', 'story-2', 'story-3'],
    body: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'As the ' },
          { type: 'link', href: '/stories/story-1', text: 'first story' },
          { type: 'text', text: ' said.' },
        ],
      },
    ],
  });
  stories['local-picture'] = makeStory('local-picture', {
    publishedAt: '2026-11-19T08:30:00Z',
    related: ['story-1', 'story-2', 'story-3'],
    image: { src: LOCAL_IMAGE, alt: 'The cannery theatre' },
  });
  const contentDir = writeContentDir({ authors: [makeAuthor()], stories });
  mkdirSync(join(contentDir, 'brand'));
  await sharp({ create: { width: 600, height: 600, channels: 3, background: ICON_COLOUR } })
    .png()
    .toFile(join(contentDir, 'brand', 'icon.png'));
  writeFileSync(join(contentDir, 'site.json'), JSON.stringify(SITE));
  server = await startServer({ CONTENT_DIR: contentDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const rgb = (hex: string) => `rgb(${parseHex(hex).join(', ')})`;
/** A computed `rgb(r, g, b)` as #rrggbb. */
const hex = (computed: string) =>
  `#${(computed.match(/\d+/g) ?? [])
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`;

async function storyPage(scheme: 'light' | 'dark'): Promise<Page> {
  const page = await (await browser.newContext({ colorScheme: scheme })).newPage();
  await openPage(page, `${server.url}/stories/no-picture`);
  await page.getByRole('button', { name: 'Post Comment' }).waitFor();
  return page;
}

const styleOf = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);

describe('the accent colour', () => {
  it.each(['light', 'dark'] as const)(
    'colours links, buttons and focus rings in the %s theme, with no axe violation',
    async (scheme) => {
      const page = await storyPage(scheme);
      const errors = trackPageErrors(page);
      const expected = accentPair(ACCENT)[scheme];
      if (scheme === 'dark') expect(expected).not.toBe(ACCENT);
      const link = page.getByRole('link', { name: 'first story' });
      expect(await link.evaluate((element) => getComputedStyle(element).color)).toBe(rgb(expected));
      const button = page.getByRole('button', { name: 'Post Comment' });
      expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(rgb(expected));
      const text = hex(await button.evaluate((element) => getComputedStyle(element).color));
      expect(contrast(text, expected)).toBeGreaterThanOrEqual(4.5);
      // The page's own background, as the browser paints it, against the link's colour.
      const paper = hex(await styleOf(page, 'body', 'background-color'));
      expect(contrast(expected, paper)).toBeGreaterThanOrEqual(4.5);
      await link.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('first story');
      expect(await link.evaluate((element) => getComputedStyle(element).outlineColor)).toBe(rgb(expected));
      await expectNoAxeViolations(page);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it('follows the reader’s theme switch, and the page’s CSP allows its style', async () => {
    const page = await storyPage('light');
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.reload();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    const link = page.getByRole('link', { name: 'first story' });
    await expect
      .poll(() => link.evaluate((element) => getComputedStyle(element).color))
      .toBe(rgb(accentPair(ACCENT).dark));
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('is refused at start when too faint, with the colour, ratio and background named', async () => {
    const contentDir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    writeFileSync(join(contentDir, 'site.json'), JSON.stringify({ ...SITE, icon: undefined, accentColor: '#66aadd' }));
    await expect(startServer({ CONTENT_DIR: contentDir })).rejects.toThrow(
      /server exited with 1:[\s\S]*accentColor[\s\S]*#66aadd has a contrast of 2\.38:1 against the light theme's page background #fbf9f5/,
    );
  });
});

describe('identity', () => {
  it('shows a wordmark logo alone, the name as its alt text, so the name appears once', async () => {
    const page = await (await browser.newContext()).newPage();
    await openPage(page, `${server.url}/`);
    const home = page.getByRole('banner').getByRole('link', { name: 'The Estuary Post', exact: true });
    expect(await home.textContent()).toBe('');
    expect(await home.getByRole('img').getAttribute('alt')).toBe('The Estuary Post');
    expect(await page.getByRole('banner').getByText('The Estuary Post').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('makes every icon from the source image', async () => {
    const colourOf = async (path: string, type: string) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('content-type')).toBe(type);
      const body = Buffer.from(await response.arrayBuffer());
      const { data, info } = await sharp(body).raw().toBuffer({ resolveWithObject: true });
      return {
        size: info.width,
        colour: `#${[...data.subarray(0, 3)].map((n) => n.toString(16).padStart(2, '0')).join('')}`,
      };
    };
    expect(await colourOf('/icon-192.png', 'image/png')).toEqual({ size: 192, colour: ICON_COLOUR });
    expect(await colourOf('/icon-512.png', 'image/png')).toEqual({ size: 512, colour: ICON_COLOUR });
    expect(await colourOf('/icon-144.png', 'image/png')).toEqual({ size: 144, colour: ICON_COLOUR });
    // The page links the SVG icon, which carries the same picture.
    const page = await (await browser.newContext()).newPage();
    await openPage(page, `${server.url}/`);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    const svg = await (await fetch(`${server.url}${href}`)).text();
    const embedded = Buffer.from(/href="data:image\/png;base64,([^"]+)"/.exec(svg)![1]!, 'base64');
    const { data } = await sharp(embedded).raw().toBuffer({ resolveWithObject: true });
    expect(hex(`rgb(${[...data.subarray(0, 3)].join(', ')})`)).toBe(ICON_COLOUR);
    const ico = Buffer.from(await (await fetch(`${server.url}/favicon.ico`)).arrayBuffer());
    const first = ico.subarray(ico.readUInt32LE(6 + 12), ico.readUInt32LE(6 + 12) + ico.readUInt32LE(6 + 8));
    expect((await sharp(first).metadata()).width).toBe(16);
    await page.context().close();
  });
});

describe('social and feed metadata', () => {
  it('gives a story without a picture the icon as og:image, and its dates and section as article:*', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${server.url}/stories/no-picture`);
    const meta = (property: string) => page.locator(`meta[property="${property}"]`).getAttribute('content');
    expect(await meta('og:image')).toBe(`${server.url}/icon-512.png`);
    expect(await meta('article:published_time')).toBe('2026-11-20T08:30:00Z');
    expect(await meta('article:modified_time')).toBe('2026-11-21T10:00:00Z');
    expect(await meta('article:section')).toBe('Transport');
    await page.context().close();
  });

  it('gives the feed a channel image and enclosures with their real length', async () => {
    const feed = await parseFeed(await (await fetch(`${server.url}/feed.xml`)).text());
    expect(feed.bozo, feed.bozoException ?? '').toBe(false);
    expect(feed.feed.image).toMatchObject({ href: `${server.url}/icon-144.png`, width: '144', height: '144' });
    const local = feed.entries.find((entry) => entry.link === `${server.url}/stories/local-picture`);
    const bytes = statSync(join(import.meta.dirname, '..', '..', 'dist', LOCAL_IMAGE)).size;
    expect(local?.enclosures).toEqual([
      { href: `${server.url}${LOCAL_IMAGE}`, type: 'image/svg+xml', length: String(bytes) },
    ]);
    expect(bytes).toBeGreaterThan(0);
  });
});
