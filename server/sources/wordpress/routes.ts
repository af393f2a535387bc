import type { Hono } from 'hono';
import { permalinkTarget, type PermalinkLookup } from './permalinks';

/**
 * Old WordPress links keep working: /<slug>/, /YYYY/MM/DD/<slug>/ and /?p=<id> answer 301 to the story. Only
 * slugs of synced WordPress posts match, so every other path goes on to the app as before.
 */
export function redirectPermalinks(app: Hono, lookup: PermalinkLookup) {
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const url = new URL(c.req.url);
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/stories/')) return next();
    const target = permalinkTarget(url.pathname + url.search, lookup);
    if (!target) return next();
    c.header('Cache-Control', 'public, max-age=3600');
    return c.redirect(target, 301);
  });
}
