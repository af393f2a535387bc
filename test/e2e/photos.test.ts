import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../helpers/content';
import { expectNoAxeViolations, launchBrowser, openPage, waitForApp } from '../helpers/browser';
import { noiseJpeg, twoToneJpeg } from '../helpers/photos';
import { startServer, type RunningServer } from '../helpers/server';
import { scratchDir } from '../helpers/scratch';

/*
 * A story whose lead image is a 12-megapixel camera JPEG, read on a phone and on a desktop: the browser takes the
 * variant its screen needs (never the original), nothing shifts as the photos arrive, and the page passes axe.
 */

let server: RunningServer;
let browser: Browser;
let original = 0;

beforeAll(async () => {
  const stories: Record<string, unknown> = relatedSet('photo');
  stories['photo-1'] = makeStory('photo-1', {
    headline: 'The harbour at dawn',
    image: { src: '/images/harbour.jpg', alt: 'Boats in the harbour at dawn' },
    related: ['photo-2', 'photo-3', 'photo-4'],
    publishedAt: '2026-11-05T09:00:00Z',
    body: [
      ...Array.from({ length: 12 }, (_, n) => ({
        type: 'paragraph' as const,
        content: [{ type: 'text' as const, text: `Paragraph ${n + 1} of a long story. `.repeat(12) }],
      })),
      { type: 'image', src: '/images/quay.jpg', alt: 'The quay at low tide', caption: 'The quay.' },
    ],
  });
  stories['tide'] = makeStory('tide', {
    headline: 'High tide on the bay',
    image: { src: '/images/tide.jpg', alt: 'The bay at high tide' },
    publishedAt: '2026-11-04T09:00:00Z',
  });
  const dir = writeContentDir({ authors: [makeAuthor()], stories });
  mkdirSync(join(dir, 'images'));
  const harbour = await noiseJpeg(4000, 3000);
  original = harbour.length;
  writeFileSync(join(dir, 'images', 'harbour.jpg'), harbour);
  writeFileSync(join(dir, 'images', 'quay.jpg'), await noiseJpeg(1500, 1000));
  // Mostly deep blue (its tone), with a yellow stripe on the right that only the photo itself paints.
  writeFileSync(join(dir, 'images', 'tide.jpg'), await twoToneJpeg(1600, 1000, '#1d4f91', '#f2c230'));
  server = await startServer({ CONTENT_DIR: dir, IMAGE_CACHE_DIR: scratchDir('variants') });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Records every layout shift, from the first paint on. */
async function trackShifts(page: Page) {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { shifts: number[] }).shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as unknown as { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
}

const lead = (page: Page) => page.getByRole('img', { name: 'Boats in the harbour at dawn' });

async function loaded(page: Page) {
  await expect
    .poll(() => lead(page).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), {
      timeout: 30_000,
    })
    .toBe(true);
  return lead(page).evaluate((image: HTMLImageElement) => image.currentSrc);
}

describe('photos sized for each screen', () => {
  for (const [name, viewport, scale, width] of [
    // 390 CSS pixels less the gutters, at 2 device pixels each: 716, so the 800 rung.
    ['a phone', { width: 390, height: 844 }, 2, 800],
    // The 40rem column at one device pixel each: 640.
    ['a desktop', { width: 1280, height: 900 }, 1, 640],
  ] as const) {
    it(`on ${name}, the lead photo is the ${width}-wide variant, with nothing shifting as it arrives`, async () => {
      const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
      const page = await context.newPage();
      const shifts = await trackShifts(page);
      const images: { url: string; bytes: number }[] = [];
      page.on('response', async (response) => {
        if (response.request().resourceType() === 'image')
          images.push({ url: response.url(), bytes: (await response.body().catch(() => Buffer.alloc(0))).length });
      });
      await openPage(page, `${server.url}/stories/photo-1`);
      const current = await loaded(page);
      expect(current).toMatch(new RegExp(`/img/[0-9a-f]{8}/${width}\\.avif\\?src=%2Fimages%2Fharbour\\.jpg$`));
      const image = lead(page);
      expect(await image.getAttribute('fetchpriority')).toBe('high');
      expect(await image.getAttribute('loading')).toBe('eager');
      expect([await image.getAttribute('width'), await image.getAttribute('height')]).toEqual(['4000', '3000']);
      // The body photo far below is lazy: not fetched on the first screen.
      const quay = page.getByRole('img', { name: 'The quay at low tide' });
      expect(await quay.getAttribute('loading')).toBe('lazy');
      expect(images.some((response) => response.url.includes('quay'))).toBe(false);
      expect(images.some((response) => response.url.endsWith('/images/harbour.jpg'))).toBe(false);
      const transferred = images.reduce((sum, response) => sum + response.bytes, 0);
      expect(transferred).toBeLessThan(original / 10);
      await quay.scrollIntoViewIfNeeded();
      // Made while the reader waits if the make-ahead has not reached it: a cold transform behind one running.
      await expect
        .poll(() => quay.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0), {
          timeout: 30_000,
        })
        .toBe(true);
      expect(await quay.evaluate((element: HTMLImageElement) => element.currentSrc)).toMatch(
        /\/img\/[0-9a-f]{8}\/\d+\.avif\?src=%2Fimages%2Fquay\.jpg$/,
      );
      expect(await shifts()).toEqual([]);
      await expectNoAxeViolations(page);
      await context.close();
    });
  }

  it('names the 1200-wide JPEG for social cards, and serves it', async () => {
    const page = await browser.newPage();
    await openPage(page, `${server.url}/stories/photo-1`);
    const card = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect(card).toMatch(/\/img\/[0-9a-f]{8}\/1200\.jpeg\?src=%2Fimages%2Fharbour\.jpg$/);
    expect(await page.locator('meta[name="twitter:image"]').getAttribute('content')).toBe(card);
    const response = await fetch(card!);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 900]);
    await page.close();
  });

  it('shows the photo’s tone in its box until the photo arrives, then the photo covers it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const shifts = await trackShifts(page);
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    // The variants are held back, as on a slow connection, until the test has looked at the empty box.
    const held: (() => void)[] = [];
    let asked = 0;
    await page.route(/\/img\/[0-9a-f]{8}\/\d+\.\w+\?src=%2Fimages%2Ftide\.jpg$/, (route) => {
      asked++;
      held.push(() => void route.continue().catch(() => {}));
    });
    await page.goto(`${server.url}/stories/tide`, { waitUntil: 'domcontentloaded' });
    await waitForApp(page);
    const photo = page.getByRole('img', { name: 'The bay at high tide' });
    await expect.poll(() => asked).toBeGreaterThan(0);
    expect(await photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(false);
    expect(await photo.getAttribute('class')).toMatch(/\btone tone-r[0-9a-f] tone-g[0-9a-f] tone-b[0-9a-f]\b/);
    // A point in the stripe: the tone's blue while the photo is held back, the photo's yellow once it is in.
    const stripe = async () => {
      // In view first: the header (with its sections) may put the photo's middle below the fold.
      await photo.scrollIntoViewIfNeeded();
      const box = (await photo.boundingBox())!;
      const clip = {
        x: Math.round(box.x + box.width * 0.9),
        y: Math.round(box.y + box.height / 2),
        width: 1,
        height: 1,
      };
      const { data } = await sharp(await page.screenshot({ clip }))
        .raw()
        .toBuffer({ resolveWithObject: true });
      return [data[0]!, data[1]!, data[2]!];
    };
    const near = ([r, g, b]: number[], hex: string) =>
      Math.abs(r! - parseInt(hex.slice(1, 3), 16)) +
        Math.abs(g! - parseInt(hex.slice(3, 5), 16)) +
        Math.abs(b! - parseInt(hex.slice(5, 7), 16)) <
      64;
    expect(near(await stripe(), '#1d4f91'), `the stripe before: ${await stripe()}`).toBe(true);
    await expectNoAxeViolations(page);
    for (const release of held) release();
    await page.unroute(/\/img\//);
    await expect
      .poll(() => photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), {
        timeout: 30_000,
      })
      .toBe(true);
    await expect.poll(async () => near(await stripe(), '#f2c230'), { timeout: 5_000 }).toBe(true);
    expect(await shifts()).toEqual([]);
    // The server's HTML and the app's first render agree (no hydration mismatch warned of).
    expect(problems).toEqual([]);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
