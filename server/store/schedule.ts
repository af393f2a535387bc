import type { ChangeKey } from '../changes';
import { storyKeys, linkedFrom } from './contentKeys';
import { storeNow } from './liveStories';
import type { Db } from './open';
import { parseStoredStory } from './storedStory';
import { tagKeysOf } from './tags';

/** A story stored with a publication time still ahead, as editors see it listed. */
export interface ScheduledStory {
  slug: string;
  headline: string;
  section: string;
  authorId: string;
  /** ISO 8601 in UTC: when readers first see it. */
  publishedAt: string;
}

/** Stories dated ahead: what is waiting, when the next one is due, and what a due story's arrival changes. */
export function scheduleReads(db: Db) {
  const waiting = (now: string) => db.selectFrom('stories').where('withdrawn', '=', 0).where('published_at', '>', now);

  return {
    /** Every live story still ahead of its time, soonest first. */
    async scheduled(now = storeNow()): Promise<ScheduledStory[]> {
      const rows = await waiting(now)
        .select(['slug', 'section', 'author_id', 'published_at', 'doc'])
        .orderBy('published_at')
        .orderBy('slug')
        .execute();
      return rows.map((row) => ({
        slug: row.slug,
        headline: parseStoredStory(row.doc).story.headline,
        section: row.section,
        authorId: row.author_id,
        publishedAt: row.published_at,
      }));
    },

    /** When the next story ahead of `now` is due (ISO 8601), or undefined when none waits. */
    async nextAt(now = storeNow()): Promise<string | undefined> {
      const row = await waiting(now).select('published_at').orderBy('published_at').limit(1).executeTakeFirst();
      return row?.published_at;
    },

    /**
     * The change keys of stories that came due after `after` and by `upTo`: their pages, the lists they join,
     * and the pages whose related rail names them.
     */
    async dueKeys(after: string, upTo: string): Promise<ChangeKey[]> {
      const rows = await db
        .selectFrom('stories')
        .select(['slug', 'section', 'author_id'])
        .where('withdrawn', '=', 0)
        .where('published_at', '>', after)
        .where('published_at', '<=', upTo)
        .execute();
      if (rows.length === 0) return [];
      const keys = new Set<ChangeKey>();
      for (const row of rows) storyKeys(keys, row);
      await tagKeysOf(
        db,
        rows.map((row) => row.slug),
        keys,
      );
      await linkedFrom(
        db,
        rows.map((row) => row.slug),
        keys,
      );
      return [...keys];
    },
  };
}

export type ScheduleReads = ReturnType<typeof scheduleReads>;
