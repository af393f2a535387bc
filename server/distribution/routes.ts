import { Hono, type Context } from 'hono';
import { Slug } from '../../src/schema';
import type { Site } from '../../src/schema/site';
import type { Changes } from '../changes';
import { apiError } from '../http';
import type { Db } from '../store/open';
import { faviconIco, iconPng, iconSvg } from './icons';
import { webManifest } from './manifest';
import { NEWS_WINDOW_MS, newsSitemap } from './newsSitemap';
import { robotsTxt } from './robots';
import { FEED_SIZE, rssFeed } from './rss';
import { SITEMAP_LIMIT, sitemaps } from './sitemap';
import { createDistributionSource, type NewestFilter } from './source';

export interface DistributionOptions {
  db: Db;
  changes: Changes;
  site: Site;
  /** The origin readers use, when it differs from the request's (behind a proxy). */
  publicOrigin?: string;
  /** URLs per sitemap file before /sitemap.xml becomes an index (50,000 by the protocol; tests use less). */
  sitemapLimit?: number;
  /** The clock, for the news sitemap's two-day window. */
  now?: () => number;
}

const FEED_CACHE = 'public, max-age=300, stale-while-revalidate=600';
const ICON_CACHE = 'public, max-age=86400';

interface Built {
  body: string | Buffer;
  type: string;
  /** When it must be built again even without a change (the news sitemap's window moves with the clock). */
  expires: number;
}

/**
 * Feeds, sitemaps, robots.txt, the manifest and the icons. Each answer is built once and kept until the change
 * bus says a story, author or list changed (comments change none of them); icons and the manifest depend only
 * on site.json and are built once.
 */
export function distributionRoutes({
  db,
  changes,
  site,
  publicOrigin,
  sitemapLimit = SITEMAP_LIMIT,
  now = Date.now,
}: DistributionOptions) {
  const source = createDistributionSource(db);
  const built = new Map<string, Built>();
  changes.subscribe((keys) => {
    if (keys.some((key) => !key.startsWith('comments:'))) built.clear();
  });

  /** Answers from the cache, or builds (undefined: 404) and keeps the answer. */
  async function serve(
    c: Context,
    type: string,
    cacheControl: string,
    build: (origin: string) => Promise<string | Buffer | undefined>,
    missing = 'Nothing is published here',
    ttl = Infinity,
  ) {
    const origin = publicOrigin ?? new URL(c.req.url).origin;
    const key = `${origin}${c.req.path}`;
    let entry = built.get(key);
    if (!entry || entry.expires <= now()) {
      const version = changes.version;
      const body = await build(origin);
      if (body === undefined) return apiError(c, 404, 'not_found', missing);
      entry = { body, type, expires: now() + ttl };
      // A change that landed while building leaves this answer unkept: the next request builds again.
      if (changes.version === version) built.set(key, entry);
    }
    c.header('Content-Type', entry.type);
    c.header('Cache-Control', cacheControl);
    return c.body(typeof entry.body === 'string' ? entry.body : new Uint8Array(entry.body));
  }

  const rss = 'application/rss+xml; charset=UTF-8';
  const xml = 'application/xml; charset=UTF-8';
  const routes = new Hono();

  /**
   * The RSS feed of the page at `path`: the newest stories `describe` picks (its filter), under its title and
   * description; when it finds nothing by that name, a 404 saying `missing`.
   */
  const feed = (
    c: Context,
    path: string,
    describe: () => Promise<{ title: string; description: string; filter: NewestFilter } | undefined>,
    missing?: string,
  ) =>
    serve(
      c,
      rss,
      FEED_CACHE,
      async (origin) => {
        const channel = await describe();
        if (!channel) return undefined;
        const feedPath = path === '/' ? '/feed.xml' : `${path}/feed.xml`;
        const { title, description, filter } = channel;
        return rssFeed(site, origin, { title, description, path, feedPath }, await source.newest(FEED_SIZE, filter));
      },
      missing,
    );

  routes.get('/feed.xml', (c) =>
    feed(c, '/', async () => ({ title: site.name, description: site.description, filter: {} })),
  );

  routes.get('/sections/:section/feed.xml', (c) => {
    const slug = c.req.param('section');
    return feed(
      c,
      `/sections/${slug}`,
      async () => {
        const name = Slug.safeParse(slug).success ? await source.sectionName(slug) : undefined;
        if (!name) return undefined;
        return {
          title: `${name} — ${site.name}`,
          description: `The latest ${name} stories from ${site.name}.`,
          filter: { section: name },
        };
      },
      `No section is called "${slug}"`,
    );
  });

  routes.get('/authors/:id/feed.xml', (c) => {
    const id = c.req.param('id');
    return feed(
      c,
      `/authors/${id}`,
      async () => {
        const author = Slug.safeParse(id).success ? await source.author(id) : undefined;
        if (!author) return undefined;
        return {
          title: `${author.name} — ${site.name}`,
          description: `Stories by ${author.name}, ${author.role}.`,
          filter: { authorId: id },
        };
      },
      `No author has the id "${id}"`,
    );
  });

  const sitemapFiles = async (origin: string) => sitemaps(await source.sitemapEntries(), origin, sitemapLimit);
  routes.get('/sitemap.xml', (c) => serve(c, xml, FEED_CACHE, async (origin) => (await sitemapFiles(origin)).root));
  routes.get('/sitemaps/:file', (c) => {
    const n = /^([1-9]\d*)\.xml$/.exec(c.req.param('file'))?.[1];
    return serve(
      c,
      xml,
      FEED_CACHE,
      async (origin) => (n ? (await sitemapFiles(origin)).parts[Number(n) - 1] : undefined),
      'No such sitemap part',
    );
  });

  routes.get('/news-sitemap.xml', (c) =>
    serve(
      c,
      xml,
      FEED_CACHE,
      async (origin) =>
        newsSitemap(site, origin, await source.publishedSince(new Date(now() - NEWS_WINDOW_MS).toISOString()), now()),
      undefined,
      // Stories age out of the two-day window with no change to tell us: rebuild at least every 10 minutes.
      10 * 60 * 1000,
    ),
  );

  routes.get('/robots.txt', (c) => serve(c, 'text/plain; charset=UTF-8', FEED_CACHE, async (origin) => robotsTxt(origin)));

  routes.get('/manifest.webmanifest', (c) =>
    serve(c, 'application/manifest+json; charset=UTF-8', ICON_CACHE, async () => JSON.stringify(webManifest(site))),
  );
  routes.get('/icon.svg', (c) => serve(c, 'image/svg+xml', ICON_CACHE, async () => iconSvg(site)));
  routes.get('/favicon.svg', (c) => serve(c, 'image/svg+xml', ICON_CACHE, async () => iconSvg(site)));
  routes.get('/icon-192.png', (c) => serve(c, 'image/png', ICON_CACHE, async () => iconPng(site, 192)));
  routes.get('/icon-512.png', (c) => serve(c, 'image/png', ICON_CACHE, async () => iconPng(site, 512)));
  routes.get('/favicon.ico', (c) => serve(c, 'image/x-icon', ICON_CACHE, async () => faviconIco(site)));

  return routes;
}
