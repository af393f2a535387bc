import type { Kysely } from 'kysely';
import type { Tables } from './tables';

/** The stories readers see: a withdrawn one stays stored, so its comments survive its return, but is not shown. */
export const liveStories = (db: Kysely<Tables>) => db.selectFrom('stories').where('withdrawn', '=', 0);
