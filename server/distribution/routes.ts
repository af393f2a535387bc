import { Hono, type Context } from 'hono';
import { Slug, type LiveEntry } from '../../src/schema';
import type { Site } from '../../src/schema/site';
import type { Changes } from '../changes';
import { createBoundedCache, exactBuffer, heldBytes, keyBytes } from '../caches';
import { changeKey, surrogateKeyHeaders, type ChangeKey } from '../changes';
import { DEFAULT_FEED_CACHE_BYTES } from '../config';
import { apiError } from '../http';
import type { NewestFilter, Store } from '../store';
import { drawnIcons, type Icons } from './icons';
import { webManifest } from './manifest';
import { NEWS_WINDOW_MS, newsSitemap } from './newsSitemap';
import { robotsTxt } from './robots';
import type { ImageBytes } from './imageBytes';
import { CHANNEL_IMAGE, FEED_LIVE_ENTRIES, FEED_SIZE, rssFeed } from './rss';
import { SITEMAP_LIMIT, sitemaps } from './sitemap';

export interface DistributionOptions {
  feeds: Store['feeds'];
  changes: Changes;
  site: Site;
  /** The origin of every absolute URL written here (server/http/origin.ts): never the request's Host. */
  origin: () => string;
  /** URLs per sitemap file before /sitemap.xml becomes an index (50,000 by the protocol; tests use less). */
  sitemapLimit?: number;
  /** Most bytes the kept answers may hold (FEED_CACHE_BYTES). */
  cacheBytes?: number;
  /** The clock, for the news sitemap's two-day window. */
  now?: () => number;
  /** Each lead image's size in bytes, for the feeds' enclosures; none known (no enclosures) when absent. */
  imageBytes?: ImageBytes;
  /** The site's icons: made from site.json's icon at start (server/branding), else drawn from its colours. */
  icons?: Icons;
  /** A live story's newest `count` entries, newest first, for its item; none when absent. */
  liveEntries?: (slug: string, count: number) => Promise<readonly LiveEntry[]>;
}

const FEED_CACHE = 'public, max-age=300, stale-while-revalidate=600';
const ICON_CACHE = 'public, max-age=86400';

/** What a build makes: the body, with the change-bus keys of what it lists when that is more than the route's. */
type Body = string | Buffer;
type Building = Body | { body: Body; keys: ChangeKey[] } | undefined;

interface Built {
  body: Buffer;
  type: string;
  keys: ChangeKey[];
  /** When it must be built again even without a change (the news sitemap's window moves with the clock). */
  expires: number;
}

/** Bytes a kept answer holds: its body's whole backing store and its keys' strings. */
const builtBytes = (built: Built) =>
  heldBytes(built.body) + built.keys.reduce((sum, key) => sum + keyBytes(key), 0) + built.type.length * 2;

/**
 * Feeds, sitemaps, robots.txt, the manifest and the icons. Each answer is built once and kept until the change
 * bus says a story, author or list changed (comments change none of them); icons and the manifest depend only
 * on site.json and are built once. Kept by path alone (every absolute URL comes from the one trusted origin) in a
 * cache bounded in bytes; each answer carries the keys that purge it from shared caches.
 */
export function distributionRoutes({
  feeds: source,
  changes,
  site,
  origin: trusted,
  sitemapLimit = SITEMAP_LIMIT,
  cacheBytes = DEFAULT_FEED_CACHE_BYTES,
  now = Date.now,
  imageBytes = async () => undefined,
  icons = drawnIcons(site),
  liveEntries = async () => [],
}: DistributionOptions) {
  const built = createBoundedCache<Built>(cacheBytes);
  changes.subscribe((keys) => {
    if (keys.some((key) => !key.startsWith('comments:'))) built.clear();
  });

  /** Answers from the cache, or builds (undefined: 404) and keeps the answer, tagged with `keys` and its own. */
  async function serve(
    c: Context,
    type: string,
    cacheControl: string,
    keys: ChangeKey[],
    build: (origin: string) => Promise<Building>,
    missing = 'Nothing is published here',
    ttl = Infinity,
  ) {
    const key = c.req.path;
    let entry = built.get(key);
    if (!entry || entry.expires <= now()) {
      const version = changes.version;
      const made = await build(trusted());
      if (made === undefined) return apiError(c, 404, 'not_found', missing);
      const { body, keys: listed } =
        typeof made === 'string' || Buffer.isBuffer(made) ? { body: made, keys: [] } : made;
      entry = {
        body: exactBuffer(typeof body === 'string' ? Buffer.from(body) : body),
        type,
        keys: [...new Set([...keys, ...listed])].sort(),
        expires: now() + ttl,
      };
      // A change that landed while building leaves this answer unkept: the next request builds again.
      if (changes.version === version) built.set(key, entry, builtBytes(entry));
    }
    for (const [name, value] of Object.entries(surrogateKeyHeaders(entry.keys))) c.header(name, value);
    c.header('Content-Type', entry.type);
    c.header('Cache-Control', cacheControl);
    return c.body(new Uint8Array(entry.body));
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
    keys: ChangeKey[] = [],
  ) =>
    serve(
      c,
      rss,
      FEED_CACHE,
      // Any story's publication, change or withdrawal names `front`; the items also show their authors' names.
      [changeKey.front, ...keys],
      async (origin) => {
        const channel = await describe();
        if (!channel) return undefined;
        const feedPath = path === '/' ? '/feed.xml' : `${path}/feed.xml`;
        const { title, description, filter } = channel;
        const newest = await source.newest(FEED_SIZE, filter);
        const stories = await Promise.all(
          newest.map(async (story) => ({
            ...story,
            imageBytes: story.image ? await imageBytes(story.image.src, origin) : undefined,
            latestEntries: story.live ? await liveEntries(story.slug, FEED_LIVE_ENTRIES) : undefined,
          })),
        );
        return {
          body: rssFeed(site, origin, { title, description, path, feedPath }, stories),
          // An entry write publishes only its story's key: a live story's item names it, so shared caches drop
          // the feed with the entry.
          keys: stories.flatMap((story) => [
            changeKey.author(story.authorId),
            ...(story.live ? [changeKey.story(story.slug)] : []),
          ]),
        };
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
      [changeKey.section(slug)],
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
      [changeKey.author(id)],
    );
  });

  routes.get('/tags/:tag/feed.xml', (c) => {
    const slug = c.req.param('tag');
    return feed(
      c,
      `/tags/${slug}`,
      async () => {
        const tag = Slug.safeParse(slug).success ? await source.tag(slug) : undefined;
        if (!tag) return undefined;
        return {
          title: `${tag.name} — ${site.name}`,
          description: `The latest stories tagged ${tag.name} from ${site.name}.`,
          filter: { tag: slug },
        };
      },
      `No published story has the tag "${slug}"`,
      [changeKey.tag(slug)],
    );
  });

  const sitemapFiles = async (origin: string) => sitemaps(await source.sitemapEntries(), origin, sitemapLimit);
  routes.get('/sitemap.xml', (c) =>
    serve(c, xml, FEED_CACHE, [changeKey.front, changeKey.pages], async (origin) => (await sitemapFiles(origin)).root),
  );
  routes.get('/sitemaps/:file', (c) => {
    const n = /^([1-9]\d*)\.xml$/.exec(c.req.param('file'))?.[1];
    return serve(
      c,
      xml,
      FEED_CACHE,
      [changeKey.front, changeKey.pages],
      async (origin) => (n ? (await sitemapFiles(origin)).parts[Number(n) - 1] : undefined),
      'No such sitemap part',
    );
  });

  routes.get('/news-sitemap.xml', (c) =>
    serve(
      c,
      xml,
      FEED_CACHE,
      [changeKey.front],
      async (origin) =>
        newsSitemap(site, origin, await source.publishedSince(new Date(now() - NEWS_WINDOW_MS).toISOString()), now()),
      undefined,
      // Stories age out of the two-day window with no change to tell us: rebuild at least every 10 minutes.
      10 * 60 * 1000,
    ),
  );

  routes.get('/robots.txt', (c) =>
    serve(c, 'text/plain; charset=UTF-8', FEED_CACHE, [], async (origin) => robotsTxt(origin)),
  );

  routes.get('/manifest.webmanifest', (c) =>
    serve(c, 'application/manifest+json; charset=UTF-8', ICON_CACHE, [], async () => JSON.stringify(webManifest(site))),
  );
  routes.get('/icon.svg', (c) => serve(c, 'image/svg+xml', ICON_CACHE, [], icons.svg));
  routes.get('/favicon.svg', (c) => serve(c, 'image/svg+xml', ICON_CACHE, [], icons.svg));
  routes.get('/icon-192.png', (c) => serve(c, 'image/png', ICON_CACHE, [], () => icons.png(192)));
  routes.get('/icon-512.png', (c) => serve(c, 'image/png', ICON_CACHE, [], () => icons.png(512)));
  routes.get(CHANNEL_IMAGE.path, (c) => serve(c, 'image/png', ICON_CACHE, [], () => icons.png(CHANNEL_IMAGE.size)));
  routes.get('/favicon.ico', (c) => serve(c, 'image/x-icon', ICON_CACHE, [], icons.ico));

  // The kept answers, for tests that hold them to their bounds.
  return Object.assign(routes, { cache: built as Pick<typeof built, 'bytes' | 'size' | 'maxBytes'> });
}
