import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import { DEFAULT_PAGE_CACHE_BYTES, type Config } from './config';
import { adminRoutes } from './comments/admin';
import { createCommentRepository } from './comments/repository';
import { commentRoutes, createCommentPoster } from './comments/routes';
import { apiError } from './http';
import { purgeCdnOnChange } from './cdnPurge';
import { pageForms } from './pageForms';
import { inlineScriptSources, servePages } from './pages';
import { createChanges, type Changes } from './changes';
import { createResponseCache } from './responseCache';
import { serveAssets } from './static';
import type { Store } from './store/open';
import { createStoryRepository } from './stories/repository';
import { storyRoutes } from './stories/routes';

export interface AppOptions {
  store: Store;
  /** The bus every cache listens to; the server shares it with content sync and the cluster channel. */
  changes?: Changes;
  config: Pick<Config, 'distDir' | 'adminToken' | 'commentFloodSeconds' | 'trustProxy'> &
    Partial<Pick<Config, 'publicOrigin' | 'pageCacheBytes' | 'cdnPurgeUrl'>>;
  log?: (message: string) => void;
  /** Told each time a page is rendered (tests count renders). */
  onRender?: (url: string) => void;
}

export function createApp({ store, changes = createChanges(), config, log = console.error, onRender }: AppOptions) {
  const app = new Hono();
  const cachedJson = createResponseCache(changes);
  const stories = createStoryRepository(store.db);
  const comments = createCommentRepository(store.db, store.engine, changes);

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptSources(config.distDir)],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
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
  app.use(compress());
  // After compress, so the tag is taken from the plain body: a repeat visit gets a 304 instead of the data again.
  app.use(etag({ weak: true }));
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });

  app.route('/api', storyRoutes(stories, cachedJson));
  const commentOptions = { floodSeconds: config.commentFloodSeconds, trustProxy: config.trustProxy, log };
  app.route('/api', commentRoutes(stories, comments, cachedJson, commentOptions));
  if (config.adminToken) app.route('/api/admin', adminRoutes(comments, config.adminToken, log));
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', `No API route at ${c.req.method} ${c.req.path}`));

  serveAssets(app, config.distDir);
  const pages = servePages(app, {
    distDir: config.distDir,
    publicOrigin: config.publicOrigin,
    changes,
    cacheBytes: config.pageCacheBytes ?? DEFAULT_PAGE_CACHE_BYTES,
    log,
    onRender,
  });
  if (pages) pageForms(app, pages, createCommentPoster(stories, comments, commentOptions), config);
  if (config.cdnPurgeUrl) purgeCdnOnChange(changes, config.cdnPurgeUrl, log);

  app.notFound((c) => apiError(c, 404, 'not_found', `Nothing at ${c.req.path}`));
  app.onError((error, c) => {
    log(`error: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return apiError(c, 500, 'internal', 'Something went wrong on our side. Please try again.');
  });
  return app;
}
