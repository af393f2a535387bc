import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../server/distribution';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../helpers/content';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';
import { parseFeed, xmllintCheck } from '../helpers/xmlCheck';

/** A second origin for images: another HTTP server on 127.0.0.1, answering slowly so a shift would show. */
let imageServer: Server;
let imageOrigin: string;
let server: RunningServer;
let browser: Browser;

const SITE = {
  name: 'The Estuary Post',
  description: 'News from the estuary towns, told plainly.',
  language: 'en-GB',
  footer: 'The Estuary Post is written and edited in Saltmouth.',
  social: [{ network: 'x', url: 'https://x.com/estuarypost' }],
  themeColor: '#224466',
  backgroundColor: '#fdfbf7',
};

beforeAll(async () => {
  const png = encodePng(64, (x, y) => ((x + y) % 16 < 8 ? [30, 90, 160, 255] : [250, 250, 250, 255]));
  imageServer = createServer((request, response) => {
    setTimeout(() => {
      if (request.url !== '/photos/estuary.png') return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length }).end(png);
    }, 400);
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  imageOrigin = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;

  const stories: Record<string, unknown> = relatedSet();
  // No standfirst, no excerpt, and a lead image from the second origin without width or height.
  const {
    standfirst: _s,
    excerpt: _e,
    ...bare
  } = makeStory('from-the-estuary', {
    headline: 'Boats return to the estuary',
    publishedAt: new Date(Date.now() - 3600_000).toISOString(),
    related: ['story-1', 'story-2', 'story-3'],
    image: { src: `${imageOrigin}/photos/estuary.png`, alt: 'Boats moored in the estuary' },
    body: [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'The first boats of the season came in on the morning tide.' }],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'A second paragraph follows the image.' }] },
    ],
  });
  stories['from-the-estuary'] = bare;
  const contentDir = writeContentDir({
    authors: [
      makeAuthor({
        social: [
          { network: 'x', url: 'https://x.com/adatester' },
          { network: 'website', url: 'https://ada.example' },
        ],
      }),
    ],
    stories,
  });
  writeFileSync(join(contentDir, 'site.json'), JSON.stringify(SITE));
  server = await startServer({ CONTENT_DIR: contentDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => imageServer?.close(resolve));
});

/** Records every CSP violation the page reports, from the first script on. */
async function trackCspViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return async () => [
    ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
    ...consoleErrors.filter((text) => /Content Security Policy/i.test(text)),
  ];
}

describe('a site renamed by its site.json', () => {
  it('shows its name in the header, title and footer, sets the language, and links its feed and manifest', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/`);
    expect(await page.title()).toBe('The Estuary Post — latest stories');
    await expect.poll(() => page.getByRole('banner').getByRole('link').first().textContent()).toBe('The Estuary Post');
    expect(await page.getByRole('contentinfo').textContent()).toBe(SITE.footer);
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(SITE.description);
    expect(await page.locator('meta[property="og:site_name"]').getAttribute('content')).toBe('The Estuary Post');
    expect(await page.locator('meta[name="twitter:site"]').getAttribute('content')).toBe('@estuarypost');
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#224466');
    const feedLink = page.locator('link[rel="alternate"][type="application/rss+xml"]');
    expect(await feedLink.getAttribute('href')).toBe(`${server.url}/feed.xml`);
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    const html = await page.content();
    for (const word of ['Byline', 'Port Alder', 'fictional']) expect(html).not.toContain(word);
    await expectNoAxeViolations(page);

    // Moving to another page keeps the identity, with the section's own feed linked.
    await page.getByRole('link', { name: 'Headline of story-4' }).click();
    await page.waitForURL(/\/stories\/story-4$/);
    await expect.poll(() => page.title()).toBe('Headline of story-4 — The Estuary Post');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names the site in its feed and manifest', async () => {
    const feed = await parseFeed(await (await fetch(`${server.url}/feed.xml`)).text());
    expect(feed.bozo).toBe(false);
    expect(feed.feed).toMatchObject({ title: 'The Estuary Post', language: 'en-gb' });
    expect(feed.entries[0]).toMatchObject({ title: 'Boats return to the estuary', author: 'Ada Tester' });
    // The lead image is another server's, of a size this one does not know: no enclosure rather than a false length.
    expect(feed.entries[0]!.enclosures).toEqual([]);
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'The Estuary Post', theme_color: '#224466', background_color: '#fdfbf7' });
    for (const path of ['/sitemap.xml', '/news-sitemap.xml'])
      await xmllintCheck(await (await fetch(`${server.url}${path}`)).text());
    expect(await (await fetch(`${server.url}/news-sitemap.xml`)).text()).toContain(
      '<news:name>The Estuary Post</news:name><news:language>en</news:language>',
    );
  });

  it('shows a story without standfirst, with its lead image from a second origin, no CSP report and no shift', async () => {
    const page = await (await browser.newContext()).newPage();
    const violations = await trackCspViolations(page);
    // Every layout shift that moves the lead image or anything below it in the story (what an image without
    // dimensions would push down when it arrives).
    await page.addInitScript(() => {
      const moved: string[] = [];
      (window as unknown as { imageShifts: string[] }).imageShifts = moved;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          for (const { node } of (entry as unknown as { sources: { node?: Node | null }[] }).sources) {
            const element = node instanceof Element ? node : node?.parentElement;
            if (element?.closest('.story-figure, .story-body'))
              moved.push(`${element.nodeName}: ${element.textContent?.slice(0, 60)}`);
          }
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await openPage(page, `${server.url}/stories/from-the-estuary`);
    expect(await page.locator('h1').textContent()).toBe('Boats return to the estuary');
    expect(await page.locator('.standfirst').count()).toBe(0);
    // Without a standfirst, the description is the excerpt taken from the first paragraph.
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(
      'The first boats of the season came in on the morning tide.',
    );
    const image = page.getByRole('img', { name: 'Boats moored in the estuary' });
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
      .toBe(64);
    const box = await image.boundingBox();
    expect(box!.width / box!.height).toBeCloseTo(1.5, 1);
    expect(await violations()).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { imageShifts: string[] }).imageShifts)).toEqual([]);
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('shows the author’s X account with its @handle on the card', async () => {
    const page = await (await browser.newContext()).newPage();
    await openPage(page, `${server.url}/authors/ada-test`);
    const x = page.getByRole('link', { name: 'Ada Tester on X: @adatester' });
    expect(await x.getAttribute('href')).toBe('https://x.com/adatester');
    expect(await x.textContent()).toBe('X @adatester');
    expect(await page.getByRole('link', { name: 'Ada Tester: Website' }).count()).toBe(1);
    expect(await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute('href')).toBe(
      `${server.url}/authors/ada-test/feed.xml`,
    );
    await expectNoAxeViolations(page);
    await page.close();
  });
});

describe('an invalid site.json', () => {
  it('stops the server at start with the file and the JSON path of the fault', async () => {
    const contentDir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    writeFileSync(join(contentDir, 'site.json'), JSON.stringify({ ...SITE, language: 'not a language' }));
    const started = startServer({ CONTENT_DIR: contentDir });
    await expect(started).rejects.toThrow(/server exited with 1/);
    await expect(started).rejects.toThrow(/site\.json: language: Use a BCP 47 language tag/);
  });
});
