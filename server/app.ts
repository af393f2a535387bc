import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import {
  DEFAULT_ADMIN_FAILURES_PER_MINUTE,
  DEFAULT_PAGE_CACHE_BYTES,
  DEFAULT_RATE_TABLE_BYTES,
  type Config,
} from './config';
import { requireAdminToken } from './admin';
import { adminRoutes, MODERATION_PATHS } from './comments';
import { createCommentRepository } from './comments';
import { commentRoutes, createCommentPoster } from './comments';
import { contentProblemRoutes } from './contentProblems';
import { moderatorsEmail } from './moderators';
import { healthRoutes, type Readiness } from './health';
import { renderRate, searchRate } from './http';
import { apiError } from './http';
import { purgeCdnOnChange } from './changes';
import { pageForms } from './pages';
import { inlineScriptSources, servePages, type Pages } from './pages';
import { createChanges, type Changes } from './changes';
import { distributionRoutes } from './distribution';
import { createImageOrigins } from './imageOrigins';
import { trustedOrigin } from './http';
import { publishingRoutes } from './publishing';
import { pagePublishingRoutes } from './publishing';
import { standingPageRoutes } from './standingPages';
import { createResponseCache } from './http';
import { PLACEHOLDER_SITE } from './site';
import type { PermalinkLookup } from './sources';
import type { WordPressClient } from './sources';
import { previewRoutes } from './sources';
import { redirectPermalinks } from './sources';
import { serveAssets } from './http';
import { accentStyle } from './branding';
import { builtImageBytes } from './distribution';
import type { Icons } from './distribution';
import type { Site } from '../src/schema/site';
import { isDatabaseUnavailable, type Store } from './store';
import { announceSectionNameChanges, storyRoutes } from './stories';
import { searchRoutes } from './search';
import { openSearchRoute } from './search';
import { liveEventRoutes, liveRoutes, type LiveEvents } from './live';
import { imageRoutes, type ImageService } from './images';

export interface AppOptions {
  store: Store;
  /** The bus every cache listens to; the server shares it with content sync and the cluster channel. */
  changes?: Changes;
  /** The site's identity (content/site.json, read by server/site.ts); a plain placeholder when absent. */
  site?: Site;
  /** The site's icons when site.json names an image for them (server/branding, loaded at start); else drawn. */
  icons?: Icons;
  config: Pick<Config, 'distDir' | 'adminToken' | 'commentFloodSeconds' | 'trustProxy'> &
    Partial<
      Pick<
        Config,
        | 'publicOrigin'
        | 'host'
        | 'port'
        | 'pageCacheBytes'
        | 'apiCacheBytes'
        | 'feedCacheBytes'
        | 'cdnPurgeUrl'
        | 'formRatePerMinute'
        | 'renderRatePerMinute'
        | 'searchRatePerMinute'
        | 'adminFailuresPerMinute'
        | 'rateTableBytes'
        | 'commentMaxLinks'
        | 'moderationEmailTo'
        | 'smtpUrl'
        | 'moderationEmailEveryMinutes'
        | 'livePollSeconds'
      >
    > & {
      /** URLs per sitemap file before /sitemap.xml becomes an index (tests set it low). */
      sitemapLimit?: number;
    };
  /**
   * The origin of every absolute URL the server writes; by default trustedOrigin (server/http/origin.ts) of the
   * config (PUBLIC_ORIGIN, else HOST and PORT, else http://localhost:3000). A function: a server started on
   * port 0 knows its port only once it listens.
   */
  origin?: () => string;
  log?: (message: string) => void;
  /** What /readyz reports; server/main.ts flips it as the server starts and drains. */
  readiness?: Readiness;
  /** Told each time a page is rendered (tests count renders). */
  onRender?: (url: string) => void;
  /** WordPress as a source: where its old links lead. */
  /** Resized variants of content images at /img/ (server/images); absent, images are served as they are. */
  images?: ImageService;
  /** Live stories' event streams (LIVE_EVENTS): made by the server, which ends them when it drains. */
  liveEvents?: LiveEvents;
  wordpress?: {
    permalinks: PermalinkLookup;
    /** Editors' previews: the client has the application password; the secret is shared with the plugin. */
    preview?: { client: WordPressClient; secret: string };
  };
}

/** Seconds a client is asked to wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = 5;

export function createApp({
  store,
  changes = createChanges(),
  site = PLACEHOLDER_SITE,
  icons,
  config,
  log = console.error,
  readiness = { contentLoaded: true, draining: false },
  onRender,
  wordpress,
  images,
  liveEvents,
  origin = () =>
    trustedOrigin({ publicOrigin: config.publicOrigin, host: config.host ?? '127.0.0.1', port: config.port ?? 3000 }),
}: AppOptions) {
  const app = new Hono();
  const imageOrigins = createImageOrigins(store.images, changes, site);
  const cachedJson = createResponseCache(changes, config.apiCacheBytes);
  const stories = store.stories;
  const waitingEmail = moderatorsEmail(store, config, origin, site.name, log);
  const comments = createCommentRepository(store, changes, waitingEmail?.commentsWait);
  const content = store.content(changes);

  // The CSP below names the origins of the content's images: bring that list up to date first.
  app.use(async (_c, next) => {
    await imageOrigins.current();
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptSources(config.distDir)],
        styleSrc: ["'self'", ...[accentStyle(site)?.cspSource ?? []].flat()],
        imgSrc: ["'self'", 'data:', () => imageOrigins.sources],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  );
  // Before compress and the ETag, which would wait for the end of an endless body.
  if (liveEvents) app.route('/', liveEventRoutes(liveEvents, { trustProxy: config.trustProxy }));
  app.use(compress());
  // After compress, so the tag is taken from the plain body: a repeat visit gets a 304 instead of the data again.
  app.use(etag({ weak: true }));
  healthRoutes(app, store.health, readiness);
  app.use('/api/*', async (c, next) => {
    await next();
    // An error (a bad cursor, the database away) is no cache's to keep: the next try may differ. A 404 is the
    // answer itself (no such story), revalidated like any other, and the page that shows it may be kept.
    if (!c.res.headers.has('Cache-Control'))
      c.header('Cache-Control', c.res.status >= 400 && c.res.status !== 404 ? 'no-store' : 'no-cache');
  });

  app.get('/api/site', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(site);
  });
  app.route('/api', storyRoutes(stories, cachedJson));
  announceSectionNameChanges(changes, stories, log);
  app.route('/api', searchRoutes(store.search, cachedJson, searchRate(config)));
  app.route(
    '/api',
    liveRoutes(store.live, cachedJson, { pollSeconds: config.livePollSeconds, events: liveEvents !== undefined }),
  );
  app.route('/api', standingPageRoutes(store.pages, cachedJson));
  const commentOptions = {
    floodSeconds: config.commentFloodSeconds,
    trustProxy: config.trustProxy,
    maxLinks: config.commentMaxLinks,
    log,
  };
  const postComment = createCommentPoster(stories, comments, commentOptions);
  app.route('/api', commentRoutes(stories, comments, cachedJson, postComment));
  if (config.adminToken) {
    app.use(
      '/api/admin/*',
      requireAdminToken(config.adminToken, {
        trustProxy: config.trustProxy,
        failuresPerMinute: config.adminFailuresPerMinute ?? DEFAULT_ADMIN_FAILURES_PER_MINUTE,
        tableBytes: config.rateTableBytes ?? DEFAULT_RATE_TABLE_BYTES,
        log,
        moderators: store.moderation.moderators,
        moderatorPaths: MODERATION_PATHS,
      }),
    );
    app.route('/api/admin', adminRoutes(comments, store.moderation.auditPage, log));
    app.route('/api/admin', publishingRoutes(content, stories, log, store.schedule));
    app.route('/api/admin', pagePublishingRoutes(content, store.pages, log));
    app.route('/api/admin', contentProblemRoutes(store.contentProblems));
  }
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', `No API route at ${c.req.method} ${c.req.path}`));

  app.route(
    '/',
    distributionRoutes({
      feeds: store.feeds,
      changes,
      site,
      origin,
      sitemapLimit: config.sitemapLimit,
      cacheBytes: config.feedCacheBytes,
      imageBytes: builtImageBytes(config.distDir),
      icons,
      liveEntries: async (slug, count) => (await store.live.page(slug, 1, count))?.entries ?? [],
    }),
  );
  openSearchRoute(app, site, origin);
  // Previews render through the pages, whose catch-all must come after the preview route.
  const rendered: { pages?: Pages } = {};
  if (wordpress) redirectPermalinks(app, wordpress.permalinks);
  if (wordpress?.preview) previewRoutes(app, { ...wordpress.preview, pages: () => rendered.pages, log });
  if (images) app.route('/', imageRoutes(images));
  serveAssets(app, config.distDir);
  const pages = servePages(app, {
    distDir: config.distDir,
    origin,
    site,
    changes,
    cacheBytes: config.pageCacheBytes ?? DEFAULT_PAGE_CACHE_BYTES,
    log,
    onRender,
    beforeRender: renderRate(site, config),
  });
  rendered.pages = pages;
  if (pages) pageForms(app, pages, postComment, { ...config, site });
  if (config.cdnPurgeUrl) purgeCdnOnChange(changes, config.cdnPurgeUrl, log);

  app.notFound((c) => apiError(c, 404, 'not_found', `Nothing at ${c.req.path}`));
  app.onError((error, c) => {
    if (isDatabaseUnavailable(error)) {
      log(`unavailable: ${c.req.method} ${c.req.path}: the database is not answering (${error.message})`);
      return apiError(
        c,
        503,
        'unavailable',
        c.req.method === 'GET'
          ? 'This is not available for a moment: our database is not answering. Please try again shortly.'
          : 'This could not be saved: our database is not answering for a moment. Please try again shortly.',
        { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
      );
    }
    log(`error: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return apiError(c, 500, 'internal', 'Something went wrong on our side. Please try again.');
  });
  return app;
}
