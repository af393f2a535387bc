import type { Kysely } from 'kysely';
import type { Tables } from './tables';

/** The stories readers see: a withdrawn one stays stored, so its comments survive its return, but is not shown. */
export const liveStories = (db: Kysely<Tables>) => db.selectFrom('stories').where('withdrawn', '=', 0);

/** `now` as the store compares it with `published_at` (ISO 8601 text in UTC, sorting as it compares). */
export const storeNow = (now = Date.now()) => new Date(now).toISOString();

/**
 * The stories readers see now: live and due. A story dated ahead is stored but waits for its time, unlisted and
 * unknown to readers; server/scheduling tells the caches when it comes.
 */
export const publishedStories = (db: Kysely<Tables>, now = storeNow()) =>
  liveStories(db).where('published_at', '<=', now);
