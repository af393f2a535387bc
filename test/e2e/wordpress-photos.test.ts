import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Story } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage } from '../helpers/browser';
import { noiseJpeg } from '../helpers/photos';
import { startServer, type RunningServer } from '../helpers/server';
import { startWordPress, type RunningWordPress } from '../helpers/wordpress';
import { scratchDir } from '../helpers/scratch';

/*
 * A photo uploaded to the real WordPress (made here: camera-like noise, 2400×1600, EXIF and all), which cuts its
 * usual sizes in WebP as a site that turned WebP on does. Byline imports the post; its page offers WordPress's
 * own 768, 1024, 1536 and 2048 copies in place of the rungs they fit, and makes the rest. Run under the WordPress
 * lock: flock /tmp/byline-wordpress.lock npx vitest run --project e2e test/e2e/wordpress-photos.test.ts
 */
const SLUG = 'saltmarsh-at-first-light';
const ALT = 'Reeds and channels of the saltmarsh under a low sun';
const dir = scratchDir('wp-photo');

let wordpress: RunningWordPress;
let server: RunningServer;
let browser: Browser;
let story: Story;

beforeAll(async () => {
  writeFileSync(join(dir, 'saltmarsh.jpg'), await noiseJpeg(2400, 1600));
  const site = {
    title: 'The Kettle Bay Gazette',
    imageSizesAs: { 'image/jpeg': 'image/webp' },
    authors: [{ login: 'idris-vale', name: 'Idris Vale', bio: 'Writes about the marsh.', url: '' }],
    posts: [
      {
        slug: SLUG,
        title: 'The saltmarsh at first light',
        author: 'idris-vale',
        date: '2026-11-28T07:00:00Z',
        categories: ['Marsh'],
        featuredImage: { file: 'saltmarsh.jpg', alt: ALT, caption: 'The marsh from the sea wall.' },
        content: `<!-- wp:paragraph -->\n<p>${'The tide comes in across the marsh before the sun is up. '.repeat(8)}</p>\n<!-- /wp:paragraph -->`,
      },
    ],
  };
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
  wordpress = await startWordPress(join(dir, 'site.json'));
  await wordpress.keepOnly([SLUG]);
  server = await startServer({
    WORDPRESS_URL: wordpress.url,
    WORDPRESS_SYNC_SECONDS: '2',
    // The harness is plain http on loopback: the operator vouches for it (a WordPress on the newsroom's network).
    WORDPRESS_MEDIA_INTERNAL: '1',
    CONTENT_DIR: scratchDir('wp-content'),
    IMAGE_CACHE_DIR: scratchDir('variants'),
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const response = await fetch(`${server.url}/api/stories/${SLUG}`);
    if (response.ok) {
      story = Story.parse(await response.json());
      if (story.image?.variants) break;
    }
    if (Date.now() > deadline)
      throw new Error(`the post did not arrive with its photo's variants:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await wordpress?.stop();
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const lead = (page: Page) => page.getByRole('img', { name: ALT });

describe('a WordPress post with a photo', () => {
  it("keeps WordPress's WebP sizes that fit a rung (768, 1024, 1536, 2048) and nothing it cut to another shape", () => {
    const variants = story.image!.variants!;
    expect([variants.width, variants.height]).toEqual([2400, 1600]);
    expect(variants.copies!.map(({ rung, width, format }) => [rung, width, format])).toEqual([
      [800, 768, 'webp'],
      [1024, 1024, 'webp'],
      [1600, 1536, 'webp'],
      [2048, 2048, 'webp'],
    ]);
    for (const copy of variants.copies!)
      expect(copy.src).toMatch(new RegExp(`^${wordpress.url}/wp-content/uploads/.*\\.webp$`));
  });

  for (const [name, viewport, scale, width, wordpressMade] of [
    // 390 CSS pixels less the gutters at 2 device pixels: 716, so the 800 rung, which WordPress's 768 fills.
    ['a phone', { width: 390, height: 844 }, 2, 768, true],
    // The 40rem column at 1.5 device pixels: 960, so the 1024 rung: WordPress's large size.
    ['a desktop at 1.5×', { width: 1280, height: 900 }, 1.5, 1024, true],
    // At one device pixel: 640, a rung WordPress made nothing for, so Byline's own AVIF.
    ['a desktop at 1×', { width: 1280, height: 900 }, 1, 640, false],
  ] as const) {
    it(`on ${name}, the browser takes the ${width}-wide ${wordpressMade ? 'copy WordPress made' : 'variant Byline made'}`, async () => {
      const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
      const page = await context.newPage();
      await openPage(page, `${server.url}/stories/${SLUG}`);
      await expect
        .poll(() => lead(page).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), {
          timeout: 30_000,
        })
        .toBe(true);
      const current = await lead(page).evaluate((image: HTMLImageElement) => image.currentSrc);
      const url = new URL(current);
      const src = url.searchParams.get('src')!;
      if (wordpressMade) {
        expect(url.pathname).toMatch(new RegExp(`^/img/[0-9a-f]{8}/${width}\\.webp$`));
        expect(src).toMatch(new RegExp(`-${width}x\\d+\\.webp$`));
        // The very bytes WordPress wrote, under an address that never changes.
        const served = await fetch(current);
        expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        const original = Buffer.from(await (await fetch(src)).arrayBuffer());
        expect(sha(Buffer.from(await served.arrayBuffer()))).toBe(sha(original));
      } else {
        expect(url.pathname).toMatch(new RegExp(`^/img/${story.image!.variants!.hash}/${width}\\.avif$`));
        expect(src).toBe(story.image!.src);
      }
      await expectNoAxeViolations(page);
      await context.close();
    });
  }
});
