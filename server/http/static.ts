import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';

/** Serves the built files: hashed assets are immutable, other files revalidate. Missing files are real 404s. */
export function serveAssets(app: Hono, distDir: string) {
  if (!existsSync(distDir)) return false;

  app.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      precompressed: true,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use(
    '*',
    serveStatic({
      root: distDir,
      precompressed: true,
      // index.html is the page template and server/ the renderer: pages come from the renderer, never as bare files.
      rewriteRequestPath: (path) =>
        path === '/' || path.endsWith('/index.html') || path.startsWith('/server/') ? '/__no_such_file__' : path,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=3600'),
    }),
  );
  return true;
}
