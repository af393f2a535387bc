import { Hono, type Context } from 'hono';
import { Slug, type LivePage } from '../../src/schema';
import type { CachedJson } from '../http';
import { DEFAULT_LIVE_POLL_SECONDS } from '../config';
import { apiError } from '../http';
import type { LiveReads } from '../store';
import { changeKey, surrogateKeyHeaders } from '../changes';
import { wholeNumber } from './wholeNumber';

/** Entries on one page of a live story, with or without JavaScript. */
export const ENTRIES_PER_PAGE = 20;

/**
 * The update answer is asked for by every open page every few seconds: shared caches keep it five seconds and
 * serve it while they fetch the next, so the origin sees about one request per cache per interval. A purge by
 * the story's key drops it the moment an entry changes. Browsers keep nothing (max-age=0): each poll is fresh.
 */
const UPDATES_CACHE = 'public, max-age=0, s-maxage=5, stale-while-revalidate=10';
/** A page of entries changes with every entry: shared caches keep it until the purge, browsers briefly. */
const LIVE_PAGE_CACHE = 'public, max-age=5, s-maxage=60, stale-while-revalidate=30';

const badSlug = (c: Context) => apiError(c, 400, 'bad_request', 'That is not a valid story address');

export function liveRoutes(
  live: LiveReads,
  cachedJson: CachedJson,
  options: { pollSeconds?: number; events?: boolean } = {},
) {
  const pollSeconds = options.pollSeconds ?? DEFAULT_LIVE_POLL_SECONDS;
  // The page learns from its entries whether this deployment streams them (LIVE_EVENTS).
  const events = options.events ? { events: true } : {};
  const api = new Hono();

  api.get('/stories/:slug/live', async (c) => {
    const slug = c.req.param('slug');
    if (!Slug.safeParse(slug).success) return badSlug(c);
    const page = wholeNumber(c.req.query('page'), 1, 1);
    if (page === undefined) return apiError(c, 400, 'bad_request', 'page must be a whole number from 1');
    return (
      (await cachedJson(c, {
        cacheControl: LIVE_PAGE_CACHE,
        produce: async (): Promise<LivePage | undefined> => {
          const found = await live.page(slug, page, ENTRIES_PER_PAGE);
          return found && { ...found, pollSeconds, ...events };
        },
        // Entries are the story's own: any entry written or removed publishes the story's key.
        keys: () => [changeKey.story(slug)],
        query: { page },
      })) ??
      apiError(c, 404, 'not_found', `No live story is published at "${slug}", or it has no page ${page}`, {
        headers: surrogateKeyHeaders([changeKey.story(slug)]),
      })
    );
  });

  api.get('/stories/:slug/updates', async (c) => {
    const slug = c.req.param('slug');
    if (!Slug.safeParse(slug).success) return badSlug(c);
    const since = wholeNumber(c.req.query('since'), 0, 0);
    if (since === undefined) return apiError(c, 400, 'bad_request', 'since must be a revision: a whole number from 0');
    return (
      (await cachedJson(c, {
        cacheControl: UPDATES_CACHE,
        produce: async () => {
          const updates = await live.updates(slug, since);
          return updates && { ...updates, pollSeconds };
        },
        // New entries and the count of approved comments.
        keys: () => [changeKey.story(slug), changeKey.comments(slug)],
        query: { since },
      })) ??
      apiError(c, 404, 'not_found', `No story is published at "${slug}"`, {
        headers: surrogateKeyHeaders([changeKey.story(slug), changeKey.comments(slug)]),
      })
    );
  });

  return api;
}
