import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Site } from '../../src/schema/site';
import { makeAuthor, makeStory, relatedSet, seedContent, writeContentDir } from '../../test/helpers/content';
import { createChanges } from '../changes';
import { openStore, type Store } from '../store';
import { distributionRoutes } from './routes';
import { scratchDir } from '../../test/helpers/scratch';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const site = Site.parse({ name: 'The Estuary Post', description: 'News from the estuary towns.', language: 'en-GB' });

async function setUp(cacheBytes?: number) {
  const dir = scratchDir('dist-cache');
  store = await openStore({ dbPath: join(dir, 'test.db') });
  const stories = {
    ...relatedSet(),
    science: makeStory('science', {
      section: 'Science',
      authorId: 'bo-test',
      related: ['story-1', 'story-2', 'story-3'],
    }),
  };
  const content = writeContentDir({
    authors: [makeAuthor(), makeAuthor({ id: 'bo-test', name: 'Bo Tester' })],
    stories,
  });
  await seedContent(store, content);
  const changes = createChanges();
  const routes = distributionRoutes({
    feeds: store.feeds,
    changes,
    site,
    origin: () => 'https://news.example',
    cacheBytes,
  });
  return { routes, changes };
}

describe('the feed and sitemap cache (issue 21 row 2)', { timeout: 60_000 }, () => {
  it('keeps one /feed.xml for 10,000 distinct Host values, naming only the trusted origin, within its byte budget', async () => {
    const { routes } = await setUp();
    const first = await (await routes.request('https://news.example/feed.xml')).text();
    expect(first).toContain('https://news.example/stories/');
    for (let n = 0; n < 10_000; n++) {
      // In-process, the request's origin is its URL's (the Node adapter builds that URL from the Host header).
      const response = await routes.request(`http://evil-${n}.example/feed.xml`, {
        headers: { Host: `evil-${n}.example` },
      });
      const body = await response.text();
      if (body !== first) expect.fail(`Host evil-${n}.example changed the feed: ${body.slice(0, 300)}`);
    }
    expect(routes.cache.size).toBe(1);
    // One feed body plus its key and keys: far below a budget that 10,000 copies (~10,000 × the feed) would pass.
    expect(routes.cache.bytes).toBeGreaterThanOrEqual(Buffer.byteLength(first));
    expect(routes.cache.bytes).toBeLessThan(Buffer.byteLength(first) + 4096);
    expect(routes.cache.bytes).toBeLessThanOrEqual(routes.cache.maxBytes);
  });

  it('never holds more than its budget, whatever is asked for', async () => {
    const { routes } = await setUp(12_000);
    const paths = [
      '/feed.xml',
      '/sitemap.xml',
      '/news-sitemap.xml',
      '/robots.txt',
      '/sections/science/feed.xml',
      '/authors/ada-test/feed.xml',
      '/authors/bo-test/feed.xml',
      '/icon-192.png',
    ];
    for (const path of paths) {
      expect((await routes.request(path)).status, path).toBe(200);
      expect(routes.cache.bytes, path).toBeLessThanOrEqual(12_000);
    }
    expect(routes.cache.size).toBeGreaterThan(0);
    expect(routes.cache.size).toBeLessThan(paths.length);
  });
});

describe('surrogate keys on feeds and sitemaps (issue 21 row 11)', { timeout: 30_000 }, () => {
  it('tag each answer with the keys whose change alters it', async () => {
    const { routes } = await setUp();
    const xkey = async (path: string) => {
      const response = await routes.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('surrogate-key'), path).toBe(response.headers.get('xkey'));
      expect(response.headers.get('cache-tag'), path).toBe(response.headers.get('xkey')?.replaceAll(' ', ','));
      return (response.headers.get('xkey') ?? '').split(' ');
    };
    expect(await xkey('/feed.xml')).toEqual(['author:ada-test', 'author:bo-test', 'front']);
    expect(await xkey('/sections/science/feed.xml')).toEqual(['author:bo-test', 'front', 'section:science']);
    expect(await xkey('/authors/ada-test/feed.xml')).toEqual(['author:ada-test', 'front']);
    // The sitemap lists the standing pages too; the news sitemap only stories.
    expect(await xkey('/sitemap.xml')).toEqual(['front', 'pages']);
    expect(await xkey('/news-sitemap.xml')).toEqual(['front']);
    // The same keys when served from the cache.
    expect(await xkey('/feed.xml')).toEqual(['author:ada-test', 'author:bo-test', 'front']);
  });
});
