import { sql, type Kysely } from 'kysely';
import type { Tag } from '../../src/schema';
import { changeKey, type ChangeKey } from '../changes';
import { chunks, KEYS_PER_STATEMENT } from './chunks';
import { storeNow } from './liveStories';
import type { Db } from './open';
import type { Tables } from './tables';

type Executor = Kysely<Tables>;

/*
 * Stories' tags (table story_tags, migration 0011-tags). The story's own document keeps its list for its page;
 * these rows are what a tag's page, feed, sitemap entry and the search filter read. A tag is known while a
 * published story carries it: its name is the one its newest such story gives it.
 */

/** Writes the tags of stories just written, in the write's transaction, and names every tag they had or have. */
export async function putTags(
  trx: Executor,
  stories: readonly { slug: string; tags?: readonly Tag[] }[],
  keys: Set<ChangeKey>,
) {
  if (stories.length === 0) return;
  await tagKeysOf(
    trx,
    stories.map((story) => story.slug),
    keys,
  );
  for (const part of chunks(stories)) {
    await trx
      .deleteFrom('story_tags')
      .where(
        'story_slug',
        'in',
        part.map((story) => story.slug),
      )
      .execute();
  }
  const rows = stories.flatMap((story) =>
    (story.tags ?? []).map((tag, position) => ({
      story_slug: story.slug,
      tag_slug: tag.slug,
      name: tag.name,
      position,
    })),
  );
  for (const part of chunks(rows)) await trx.insertInto('story_tags').values(part).execute();
  for (const row of rows) keys.add(changeKey.tag(row.tag_slug));
}

/** The tag keys of these stories' stored tags: a withdrawal or a story coming due changes those tags' pages. */
export async function tagKeysOf(db: Executor, slugs: readonly string[], keys: Set<ChangeKey>) {
  for (const part of chunks(slugs, KEYS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('story_tags')
      .select('tag_slug')
      .distinct()
      .where('story_slug', 'in', part)
      .execute();
    for (const row of rows) keys.add(changeKey.tag(row.tag_slug));
  }
}

/** The stories that carry a tag, as a condition on the stories row's slug column (`s.slug`, or `slug` unaliased). */
export const taggedWith = (slug: string, column = 's.slug') =>
  sql<boolean>`${sql.ref(column)} IN (SELECT t.story_slug FROM story_tags t WHERE t.tag_slug = ${slug})`;

export interface TagSitemapEntry {
  slug: string;
  /** Its newest story's publication, ISO 8601. */
  lastmod: string;
}

/** What readers' pages, feeds and sitemaps read of tags: published stories only. */
export function tagReads(db: Db) {
  const published = (now = storeNow()) =>
    db
      .selectFrom('story_tags as t')
      .innerJoin('stories as s', 's.slug', 't.story_slug')
      .where('s.withdrawn', '=', 0)
      .where('s.published_at', '<=', now);

  return {
    /** A published story's tags in its own order (none for a story not published). */
    async ofStory(slug: string): Promise<Tag[]> {
      const rows = await published()
        .select(['t.tag_slug', 't.name'])
        .where('t.story_slug', '=', slug)
        .orderBy('t.position')
        .execute();
      return rows.map((row) => ({ slug: row.tag_slug, name: row.name }));
    },

    /** A tag with its name and the number of published stories that carry it; undefined when none does. */
    async bySlug(slug: string): Promise<(Tag & { storyCount: number }) | undefined> {
      const [newest, count] = await Promise.all([
        published()
          .select('t.name')
          .where('t.tag_slug', '=', slug)
          .orderBy('s.published_at', 'desc')
          .orderBy('s.slug', 'desc')
          .limit(1)
          .executeTakeFirst(),
        published()
          .select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'))
          .where('t.tag_slug', '=', slug)
          .executeTakeFirst(),
      ]);
      return newest ? { slug, name: newest.name, storyCount: count?.n ?? 0 } : undefined;
    },

    /** Every tag a published story carries, with its newest story's publication, for the sitemap. */
    async sitemap(): Promise<TagSitemapEntry[]> {
      const rows = await published()
        .select(['t.tag_slug', sql<string>`MAX(s.published_at)`.as('lastmod')])
        .groupBy('t.tag_slug')
        .orderBy('t.tag_slug')
        .execute();
      return rows.map((row) => ({ slug: row.tag_slug, lastmod: row.lastmod }));
    },
  };
}

export type TagReads = ReturnType<typeof tagReads>;
