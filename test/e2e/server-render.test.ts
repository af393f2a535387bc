import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../helpers/content';
import { launchBrowser, openPage } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

const HOSTILE = '</script><script>alert(1)</script> and <!-- a comment opener';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const stories: Record<string, unknown> = relatedSet();
  stories.hostile = makeStory('hostile', {
    headline: `Headline with ${HOSTILE}`,
    standfirst: `Standfirst with ${HOSTILE}`,
    publishedAt: '2026-11-20T08:00:00Z',
    image: { src: '/images/stories/tide-mill.svg', alt: 'A mill', width: 1200, height: 675 },
    related: ['story-1', 'story-2', 'story-3'],
    body: [{ type: 'paragraph', content: [{ type: 'text', text: `Body with ${HOSTILE}` }] }],
  });
  const contentDir = writeContentDir({ authors: [makeAuthor()], stories });
  server = await startServer({ CONTENT_DIR: contentDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('server-rendered pages', () => {
  it('show data containing </script> and <!-- as text, run none of it, and hydrate without errors', async () => {
    const page = await (await browser.newContext()).newPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await openPage(page, `${server.url}/stories/hostile`);
    expect(await page.locator('h1').textContent()).toBe(`Headline with ${HOSTILE}`);
    expect(await page.locator('.story-body p').first().textContent()).toBe(`Body with ${HOSTILE}`);
    // Hydrated: a client-side navigation works without a reload.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole('navigation', { name: 'Related stories' }).getByRole('link').first().click();
    await page.waitForURL(/\/stories\/story-\d$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('paint before the app script is even requested, and then hydrate', async () => {
    const page = await (await browser.newContext()).newPage();
    await openPage(page, `${server.url}/stories/hostile`);
    const timing = await page.evaluate(() => {
      const entry = performance
        .getEntriesByType('resource')
        .find((resource) => /\/assets\/index-[\w-]+\.js$/.test(resource.name));
      return {
        painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        loaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
        entryRequested: entry?.startTime,
      };
    });
    expect(timing.painted).toBeGreaterThan(0);
    expect(timing.entryRequested).toBeGreaterThan(timing.painted!);
    expect(timing.entryRequested).toBeGreaterThanOrEqual(timing.loaded);
    // Hydrated: the toggle, rendered by the server, now responds.
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    const before = await toggle.getAttribute('aria-pressed');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).not.toBe(before);
    await page.close();
  });

  it('carry the story, its comments and the seeded data in the HTML itself, readable without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/stories/hostile`);
    expect(await page.locator('h1').textContent()).toBe(`Headline with ${HOSTILE}`);
    expect(await page.locator('#comments-heading').textContent()).toBe('Comments (0)');
    expect(await page.getByRole('form', { name: 'Leave a reply' }).count()).toBe(1);
    const state = await page.locator('#byline-state').textContent();
    expect(state).not.toContain('</script>');
    expect(state).not.toContain('<!--');
    const parsed = JSON.parse(state!) as { queries: { key: unknown[] }[] };
    expect(parsed.queries.map((query) => query.key)).toEqual(
      expect.arrayContaining([['story', 'hostile'], ['comments', 'hostile']]),
    );
    await context.close();
  });

  it('have a title, description, canonical link, social card tags and NewsArticle JSON-LD', async () => {
    const html = await (await fetch(`${server.url}/stories/hostile`)).text();
    const head = html.slice(0, html.indexOf('</head>'));
    const meta = (attribute: string, name: string) =>
      new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`).exec(head)?.[1];
    expect(head).toContain('<title>Headline with &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; and &lt;!-- a comment opener — News</title>');
    expect(meta('name', 'description')).toBe('Standfirst with &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; and &lt;!-- a comment opener');
    expect(head).toContain(`<link rel="canonical" href="${server.url}/stories/hostile"/>`);
    expect(meta('property', 'og:type')).toBe('article');
    expect(meta('property', 'og:url')).toBe(`${server.url}/stories/hostile`);
    expect(meta('property', 'og:image')).toBe(`${server.url}/images/stories/tide-mill.svg`);
    expect(meta('name', 'twitter:card')).toBe('summary_large_image');
    const jsonLd = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
    const article = JSON.parse(jsonLd!) as Record<string, unknown>;
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: `Headline with ${HOSTILE}`,
      datePublished: '2026-11-20T08:00:00Z',
      mainEntityOfPage: `${server.url}/stories/hostile`,
      author: [{ '@type': 'Person', name: 'Ada Tester' }],
    });
    expect(html.match(/<title>/g)).toHaveLength(1);
  });

  it('answer a repeat request with 304 when the ETag still matches, for pages and API', async () => {
    for (const path of ['/stories/hostile', '/api/stories/hostile', '/api/stories']) {
      const first = await fetch(`${server.url}${path}`);
      const tag = first.headers.get('etag');
      expect(tag, path).toMatch(/^W\/".+"$/);
      const again = await fetch(`${server.url}${path}`, { headers: { 'If-None-Match': tag! } });
      expect(again.status, path).toBe(304);
    }
    const story = await fetch(`${server.url}/api/stories/hostile`);
    expect(story.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=600');
    const comments = await fetch(`${server.url}/api/stories/hostile/comments`);
    expect(comments.headers.get('cache-control')).toBe('no-cache');
  });

  it('render the front page and author pages too, and answer unknown pages with 404', async () => {
    const front = await (await fetch(`${server.url}/`)).text();
    expect(front).toContain('<h1 tabindex="-1" class="page-title">Latest stories</h1>');
    expect(front).toContain('Headline with &lt;/script&gt;');
    const author = await fetch(`${server.url}/authors/ada-test`);
    expect(author.status).toBe(200);
    expect(await author.text()).toMatch(/<h1[^>]*>Ada Tester<\/h1>/);
    expect((await fetch(`${server.url}/authors/nobody`)).status).toBe(404);
    expect((await fetch(`${server.url}/no/such/page`)).status).toBe(404);
  });

  it('never serve the page template or the server bundle as files', async () => {
    const template = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'index.html'), 'utf8');
    expect(template).toContain('<!--app-html-->');
    const index = await (await fetch(`${server.url}/index.html`)).text();
    expect(index).not.toContain('<!--app-html-->');
    expect((await fetch(`${server.url}/server/entry-server.js`)).status).toBe(404);
  });
});
