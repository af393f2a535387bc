import { Hono, type Context } from 'hono';
import type { CachedJson } from '../http';
import { changeKey } from '../changes';
import { apiError } from '../http';
import type { Store } from '../store';
import { readSearchInput, searchPage } from './read';

/**
 * Results change only when a story is published, changed or withdrawn, and each of those purges the `search`
 * surrogate key: shared caches may keep an answer an hour, browsers a minute.
 */
export const SEARCH_CACHE = 'public, max-age=60, s-maxage=3600, stale-while-revalidate=600';

/** `GET /api/search`: the search page's results as JSON (src/schema/search.ts). Queries are never logged. */
export function searchRoutes(
  search: Store['search'],
  cachedJson: CachedJson,
  /** A limit on searches looked up afresh (server/http searchRate); answers already cached are always served. */
  beforeSearch?: (c: Context) => Response | undefined,
) {
  const api = new Hono();
  api.get('/search', async (c) => {
    const input = readSearchInput((name) => c.req.query(name));
    if (!input.ok) {
      return apiError(c, 400, 'bad_request', 'Some search filters are not valid', { fields: input.fields });
    }
    return (await cachedJson(c, {
      cacheControl: SEARCH_CACHE,
      produce: () => searchPage(search, input),
      // Results change with any story's publication, edit or withdrawal, and with an author's rename.
      keys: () => [changeKey.search],
      query: input.params,
      beforeRead: beforeSearch && (() => beforeSearch(c)),
    }))!;
  });
  return api;
}
