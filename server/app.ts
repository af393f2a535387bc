import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config';
import { requireAdminToken } from './admin/auth';
import { adminRoutes } from './comments/admin';
import { createCommentRepository } from './comments/repository';
import { commentRoutes } from './comments/routes';
import { apiError } from './http';
import { inlineScriptSources, servePages } from './pages';
import { createChanges, type Changes } from './changes';
import { publishingRoutes } from './content/publishing';
import { createContentRepository } from './content/repository';
import { createResponseCache } from './responseCache';
import type { PermalinkLookup } from './sources/wordpress/permalinks';
import { redirectPermalinks } from './sources/wordpress/routes';
import { serveAssets } from './static';
import type { Store } from './store/open';
import { createStoryRepository } from './stories/repository';
import { storyRoutes } from './stories/routes';

export interface AppOptions {
  store: Store;
  /** The bus every cache listens to; the server shares it with content sync and the cluster channel. */
  changes?: Changes;
  config: Pick<Config, 'distDir' | 'adminToken' | 'commentFloodSeconds' | 'trustProxy'> & { publicOrigin?: string };
  log?: (message: string) => void;
  /** WordPress as a source: where its old links lead. */
  wordpress?: { permalinks: PermalinkLookup };
}

export function createApp({ store, changes = createChanges(), config, log = console.error, wordpress }: AppOptions) {
  const app = new Hono();
  const cachedJson = createResponseCache(changes);
  const stories = createStoryRepository(store.db);
  const comments = createCommentRepository(store.db, store.engine, changes);
  const content = createContentRepository(store.db, changes);

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
  app.route(
    '/api',
    commentRoutes(stories, comments, cachedJson, {
      floodSeconds: config.commentFloodSeconds,
      trustProxy: config.trustProxy,
      log,
    }),
  );
  if (config.adminToken) {
    app.use('/api/admin/*', requireAdminToken(config.adminToken));
    app.route('/api/admin', adminRoutes(comments, log));
    app.route('/api/admin', publishingRoutes(content, stories, log));
  }
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', `No API route at ${c.req.method} ${c.req.path}`));

  if (wordpress) redirectPermalinks(app, wordpress.permalinks);
  serveAssets(app, config.distDir);
  servePages(app, { distDir: config.distDir, publicOrigin: config.publicOrigin, log });

  app.notFound((c) => apiError(c, 404, 'not_found', `Nothing at ${c.req.path}`));
  app.onError((error, c) => {
    log(`error: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return apiError(c, 500, 'internal', 'Something went wrong on our side. Please try again.');
  });
  return app;
}
