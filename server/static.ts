import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built app: hashed assets are immutable, other files revalidate, and any path that looks like a
 * page (no file extension) gets index.html so the client router can take it. Missing files are real 404s.
 */
export function serveApp(app: Hono, distDir: string) {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) return false;
  const indexHtml = readFileSync(indexPath, 'utf8');

  app.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use(
    '*',
    serveStatic({
      root: distDir,
      onFound: (path, c) => {
        if (!path.endsWith('index.html')) c.header('Cache-Control', 'public, max-age=3600');
      },
    }),
  );
  app.get('*', (c, next) => {
    const last = c.req.path.split('/').at(-1) ?? '';
    if (c.req.path.startsWith('/api/') || last.includes('.')) return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
  return true;
}
