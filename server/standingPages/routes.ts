import { Hono } from 'hono';
import { Slug } from '../../src/schema';
import { changeKey, surrogateKeyHeaders } from '../changes';
import { apiError, type CachedJson } from '../http';
import type { Store } from '../store';

/** A page changes only when it is published again: caches keep it a minute, shared ones until it is purged. */
const PAGE_CACHE = 'public, max-age=60, s-maxage=3600, stale-while-revalidate=600';

/** `GET /api/pages/:slug`: a live standing page, tagged `page:<slug>` (its 404 too, so publishing it ends that). */
export function standingPageRoutes(pages: Store['pages'], cachedJson: CachedJson) {
  const api = new Hono();
  api.get('/pages/:slug', async (c) => {
    const slug = c.req.param('slug');
    const missing = () =>
      apiError(c, 404, 'not_found', `No page is published at "${slug}"`, {
        headers: surrogateKeyHeaders([changeKey.page(slug)]),
      });
    // A slug no page can have costs no query and makes no cache entry.
    if (!Slug.safeParse(slug).success) return missing();
    return (
      (await cachedJson(c, {
        cacheControl: PAGE_CACHE,
        produce: () => pages.get(slug),
        keys: () => [changeKey.page(slug)],
      })) ?? missing()
    );
  });
  return api;
}
