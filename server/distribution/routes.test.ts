import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoryFile } from '../../src/schema';
import { Site } from '../../src/schema/site';
import { makeAuthor, makeStory, relatedSet, seedContent, writeContentDir } from '../../test/helpers/content';
import { parseFeed, xmllintCheck } from '../../test/helpers/xmlCheck';
import { createApp } from '../app';
import { createChanges } from '../changes';
import { openStore, type Store } from '../store';
import { changeKey } from '../changes';
import { scratchDir } from '../../test/helpers/scratch';

/** A story beside relatedSet()'s four, which it relates to (every story must name three). */
const extra = (slug: string, overrides: Parameters<typeof makeStory>[1] = {}) =>
  makeStory(slug, { related: ['story-1', 'story-2', 'story-3'], ...overrides });

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const site = Site.parse({
  name: 'The Estuary Post',
  description: 'News from the estuary towns.',
  language: 'en-GB',
  social: [{ network: 'x', url: 'https://x.com/estuarypost' }],
  themeColor: '#223344',
  backgroundColor: '#fafafa',
});

/** Every absolute URL names this origin, whatever Host a request carries. */
const ORIGIN = 'https://news.example';

async function setUp(stories = relatedSet(), config: { sitemapLimit?: number; distDir?: string } = {}) {
  const dir = scratchDir('dist');
  store = await openStore({ dbPath: join(dir, 'test.db') });
  const content = writeContentDir({
    authors: [makeAuthor(), makeAuthor({ id: 'bo-test', name: 'Bo Tester' })],
    stories,
  });
  await seedContent(store, content);
  const changes = createChanges();
  const app = createApp({
    store,
    changes,
    site,
    config: {
      distDir: join(dir, 'no-dist'),
      adminToken: undefined,
      commentFloodSeconds: 0,
      trustProxy: false,
      publicOrigin: ORIGIN,
      ...config,
    },
    log: () => {},
  });
  return { app, changes, db: store.db };
}

describe('feeds', { timeout: 30_000 }, () => {
  it('serves the newest stories at /feed.xml as RSS a feed reader reads without error', async () => {
    const stories: Record<string, StoryFile> = {
      ...relatedSet(),
      'with-image': extra('with-image', {
        section: 'Science',
        publishedAt: '2026-11-09T09:00:00Z',
        image: { src: 'https://cdn.example/seal.jpg', alt: 'A seal' },
      }),
    };
    stories['story-4'] = { ...stories['story-4']!, image: { src: '/images/stories/gull.png', alt: 'A gull' } };
    // The built site's own copy of story-4's image: its enclosure says the file's length.
    const distDir = scratchDir('dist');
    mkdirSync(join(distDir, 'images', 'stories'), { recursive: true });
    writeFileSync(join(distDir, 'images', 'stories', 'gull.png'), Buffer.alloc(2345));
    const { app } = await setUp(stories, { distDir });
    const response = await app.request('https://news.example/feed.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=UTF-8');
    const xml = await response.text();
    await xmllintCheck(xml);
    const feed = await parseFeed(xml);
    expect(feed.bozo, feed.bozoException ?? '').toBe(false);
    expect(feed.feed.title).toBe('The Estuary Post');
    expect(feed.entries.map((entry) => entry.link)).toEqual([
      'https://news.example/stories/with-image',
      'https://news.example/stories/story-4',
      'https://news.example/stories/story-3',
      'https://news.example/stories/story-2',
      'https://news.example/stories/story-1',
    ]);
    expect(feed.entries[0]).toMatchObject({ author: 'Ada Tester', tags: ['Science'] });
    // Another server's image has no size this server knows: no enclosure rather than a false length.
    expect(feed.entries[0]!.enclosures).toEqual([]);
    expect(feed.entries[1]!.enclosures).toEqual([
      { href: 'https://news.example/images/stories/gull.png', type: 'image/png', length: '2345' },
    ]);
    expect(feed.feed.image?.href).toBe('https://news.example/icon-144.png');
    const icon = await app.request('https://news.example/icon-144.png');
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await icon.arrayBuffer()).readUInt32BE(16)).toBe(144);
    expect(feed.entries[1]!.content).toContain('Body of story-4.');
  });

  it('holds at most 50 stories', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 53 }, (_, i) => [
        `s-${i}`,
        extra(`s-${i}`, { publishedAt: new Date(Date.UTC(2026, 10, 10) + i * 3600_000).toISOString() }),
      ]),
    );
    Object.assign(many, relatedSet());
    const { app } = await setUp(many);
    const feed = await parseFeed(await (await app.request('/feed.xml')).text());
    expect(feed.entries).toHaveLength(50);
    expect(feed.entries[0]!.link).toMatch(/\/stories\/s-52$/);
  });

  it('serves a feed per section and per author, and 404 for one that does not exist', async () => {
    const stories = {
      ...relatedSet(),
      science: extra('science', { section: 'Science', authorId: 'bo-test' }),
    };
    const { app } = await setUp(stories);
    const section = await parseFeed(await (await app.request('/sections/science/feed.xml')).text());
    expect(section.bozo).toBe(false);
    expect(section.feed.title).toBe('Science — The Estuary Post');
    expect(section.entries.map((entry) => entry.title)).toEqual(['Headline of science']);
    const author = await parseFeed(await (await app.request('/authors/bo-test/feed.xml')).text());
    expect(author.bozo).toBe(false);
    expect(author.feed.title).toBe('Bo Tester — The Estuary Post');
    expect(author.entries.map((entry) => entry.author)).toEqual(['Bo Tester']);
    expect((await app.request('/sections/nowhere/feed.xml')).status).toBe(404);
    const missing = await app.request('/authors/nobody/feed.xml');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No author has the id "nobody"' } });
  });

  it("serves a tag's feed, its stories with their tags as categories, read cleanly by feedparser", async () => {
    const floods = { slug: 'flood-defences', name: 'Flood defences & <walls>' };
    const stories = {
      ...relatedSet(),
      older: extra('older', { publishedAt: '2026-11-05T09:00:00Z', tags: [floods] }),
      newer: extra('newer', {
        publishedAt: '2026-11-06T09:00:00Z',
        tags: [{ slug: 'ferries', name: 'Ferries' }, floods],
      }),
      other: extra('other', { publishedAt: '2026-11-07T09:00:00Z', tags: [{ slug: 'ferries', name: 'Ferries' }] }),
    };
    const { app, changes } = await setUp(stories);
    const response = await app.request('https://news.example/tags/flood-defences/feed.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('xkey')).toContain('tag:flood-defences');
    const xml = await response.text();
    await xmllintCheck(xml);
    const feed = await parseFeed(xml);
    expect(feed.bozo, feed.bozoException ?? '').toBe(false);
    expect(feed.feed.title).toBe('Flood defences & <walls> — The Estuary Post');
    expect(feed.feed.link).toBe('https://news.example/tags/flood-defences');
    expect(feed.entries.map((entry) => entry.link)).toEqual([
      'https://news.example/stories/newer',
      'https://news.example/stories/older',
    ]);
    expect(feed.entries[0]!.tags).toEqual(['City', 'Ferries', 'Flood defences & <walls>']);
    const missing = await app.request('/tags/nothing-here/feed.xml');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: 'No published story has the tag "nothing-here"' },
    });
    expect((await app.request('/tags/Not%20A%20Slug/feed.xml')).status).toBe(404);
    // Built once and kept: a change to the tag's list builds it again.
    await store!.content(changes).upsertStory('files', { ...stories.other, tags: [floods] });
    const after = await parseFeed(await (await app.request('/tags/flood-defences/feed.xml')).text());
    expect(after.entries.map((entry) => entry.link)).toEqual([
      'https://news.example/stories/other',
      'https://news.example/stories/newer',
      'https://news.example/stories/older',
    ]);
  });

  it('is built once and kept until the change bus names a change', async () => {
    const { app, changes, db } = await setUp();
    const before = await (await app.request('/feed.xml')).text();
    const stored = await db.selectFrom('stories').select('doc').where('slug', '=', 'story-4').executeTakeFirstOrThrow();
    await db
      .updateTable('stories')
      .set({ doc: stored.doc.replaceAll('Headline of story-4', 'A changed headline') })
      .where('slug', '=', 'story-4')
      .execute();
    expect(await (await app.request('/feed.xml')).text()).toBe(before);
    changes.publish([changeKey.comments('story-4')]);
    expect(await (await app.request('/feed.xml')).text()).toBe(before);
    changes.publish([changeKey.story('story-4'), changeKey.front]);
    const after = await (await app.request('/feed.xml')).text();
    expect(after).toContain('A changed headline');
    expect(after).not.toContain('Headline of story-4');
  });
});

describe('sitemaps', { timeout: 30_000 }, () => {
  it('lists every story with its lastmod, and the front, section and author pages', async () => {
    const stories = relatedSet();
    stories['story-2'] = { ...stories['story-2']!, updatedAt: '2026-11-20T10:00:00Z' };
    const { app } = await setUp(stories);
    const response = await app.request('https://news.example/sitemap.xml');
    expect(response.headers.get('content-type')).toBe('application/xml; charset=UTF-8');
    const xml = await response.text();
    await xmllintCheck(xml);
    for (const n of [1, 3, 4]) {
      expect(xml).toContain(
        `<loc>https://news.example/stories/story-${n}</loc><lastmod>2026-11-0${n}T09:00:00.000Z</lastmod>`,
      );
    }
    expect(xml).toContain('<loc>https://news.example/stories/story-2</loc><lastmod>2026-11-20T10:00:00.000Z</lastmod>');
    expect(xml).toContain('<loc>https://news.example/</loc>');
    expect(xml).toContain('<loc>https://news.example/sections/city</loc>');
    expect(xml).toContain('<loc>https://news.example/authors/ada-test</loc>');
    expect(xml.match(/<url>/g)).toHaveLength(7);
  });

  it('lists a page per tag that a published story carries, with its newest story', async () => {
    const stories = {
      ...relatedSet(),
      tagged: extra('tagged', { publishedAt: '2026-11-05T09:00:00Z', tags: [{ slug: 'ferries', name: 'Ferries' }] }),
      ahead: extra('ahead', { publishedAt: '2099-11-05T09:00:00Z', tags: [{ slug: 'later', name: 'Later' }] }),
    };
    const { app } = await setUp(stories);
    const xml = await (await app.request('https://news.example/sitemap.xml')).text();
    await xmllintCheck(xml);
    expect(xml).toContain('<loc>https://news.example/tags/ferries</loc><lastmod>2026-11-05T09:00:00.000Z</lastmod>');
    expect(xml).not.toContain('/tags/later');
  });

  it('becomes an index of parts beyond the limit, and every part is served', async () => {
    const { app } = await setUp(relatedSet(), { sitemapLimit: 3 });
    const index = await (await app.request('https://news.example/sitemap.xml')).text();
    await xmllintCheck(index);
    expect(index).toContain('<sitemapindex');
    const parts = [...index.matchAll(/<loc>https:\/\/news\.example(\/sitemaps\/\d+\.xml)<\/loc>/g)].map((m) => m[1]!);
    expect(parts).toEqual(['/sitemaps/1.xml', '/sitemaps/2.xml', '/sitemaps/3.xml']);
    let urls = 0;
    for (const part of parts) {
      const response = await app.request(`https://news.example${part}`);
      expect(response.status).toBe(200);
      const xml = await response.text();
      await xmllintCheck(xml);
      urls += xml.match(/<url>/g)?.length ?? 0;
    }
    expect(urls).toBe(7);
    expect((await app.request('/sitemaps/4.xml')).status).toBe(404);
    expect((await app.request('/sitemaps/x.xml')).status).toBe(404);
  });

  it('lists the last two days in the news sitemap with publication name and language', async () => {
    const recent = new Date(Date.now() - 3600_000).toISOString();
    const stories = { ...relatedSet(), fresh: extra('fresh', { publishedAt: recent, headline: 'Fresh & new' }) };
    const { app } = await setUp(stories);
    const xml = await (await app.request('https://news.example/news-sitemap.xml')).text();
    await xmllintCheck(xml);
    expect(xml.match(/<url>/g)).toHaveLength(1);
    expect(xml).toContain('<loc>https://news.example/stories/fresh</loc>');
    expect(xml).toContain('<news:name>The Estuary Post</news:name><news:language>en</news:language>');
    expect(xml).toContain('<news:title>Fresh &amp; new</news:title>');
  });

  it('names both sitemaps in robots.txt', async () => {
    const { app } = await setUp();
    const text = await (await app.request('https://news.example/robots.txt')).text();
    expect(text).toContain('Sitemap: https://news.example/sitemap.xml\n');
    expect(text).toContain('Sitemap: https://news.example/news-sitemap.xml\n');
    expect(text).toMatch(/^User-agent: \*$/m);
  });
});

describe('manifest and icons', () => {
  it('serves a manifest with the name, colours and icons that all exist', async () => {
    const { app } = await setUp();
    const response = await app.request('/manifest.webmanifest');
    expect(response.headers.get('content-type')).toBe('application/manifest+json; charset=UTF-8');
    const manifest = (await response.json()) as { name: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest).toMatchObject({
      name: 'The Estuary Post',
      theme_color: '#223344',
      background_color: '#fafafa',
      lang: 'en-GB',
    });
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(['any', '192x192', '512x512']);
    for (const icon of manifest.icons) {
      const file = await app.request(icon.src);
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type')).toBe(icon.type);
    }
    const ico = await app.request('/favicon.ico');
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    expect([...new Uint8Array(await ico.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it('answers the site identity at /api/site', async () => {
    const { app } = await setUp();
    expect(await (await app.request('/api/site')).json()).toMatchObject({
      name: 'The Estuary Post',
      language: 'en-GB',
    });
  });
});

describe('CSP img-src', () => {
  const imgSrc = (response: Response) =>
    /img-src ([^;]*)/
      .exec(response.headers.get('content-security-policy') ?? '')?.[1]
      ?.trim()
      .split(/\s+/);

  it("is 'self', the content's image origins and imageOrigins, and follows content changes", async () => {
    const stories = relatedSet();
    stories['story-1'] = {
      ...stories['story-1']!,
      image: { src: 'https://cdn-a.example/lead.jpg', alt: 'Lead' },
      body: [{ type: 'image', src: 'https://cdn-b.example:8443/body.png', alt: 'Body' }],
    };
    const { app, changes } = await setUp(stories);
    expect(imgSrc(await app.request('/api/stories'))).toEqual([
      "'self'",
      'data:',
      'https://cdn-a.example',
      'https://cdn-b.example:8443',
    ]);
    // A story changes its lead image to another CDN: once the bus says so, the policy follows.
    const changed = { ...stories['story-1'], image: { src: 'https://cdn-c.example/lead.jpg', alt: 'Lead' } };
    await store!.content(changes).writeBatch('files', { authors: [], stories: [changed] });
    expect(imgSrc(await app.request('/'))).toEqual([
      "'self'",
      'data:',
      'https://cdn-b.example:8443',
      'https://cdn-c.example',
    ]);
  });
});

describe('handles in the API', () => {
  it('gives each author link its @handle where the network has one', async () => {
    const { app } = await setUp();
    const { db } = store!;
    await db
      .updateTable('authors')
      .set({
        doc: JSON.stringify(
          makeAuthor({
            social: [
              { network: 'x', url: 'https://x.com/adatester' },
              { network: 'website', url: 'https://ada.example' },
            ],
          }),
        ),
      })
      .where('id', '=', 'ada-test')
      .execute();
    const author = (await (await app.request('/api/authors/ada-test')).json()) as { author: { social: unknown[] } };
    expect(author.author.social).toEqual([
      { network: 'x', url: 'https://x.com/adatester', handle: '@adatester' },
      { network: 'website', url: 'https://ada.example' },
    ]);
  });
});
