import { sql } from 'kysely';
import {
  sectionSlug,
  type Author,
  type AuthorPage,
  type Section,
  type Story,
  type StoryPage,
  type StorySummary,
} from '../../src/schema';
import { socialHandle } from '../../src/schema/social';
import { decodeStoryCursor } from '../http/cursors';
import { liveStories } from './liveStories';
import type { Db } from './open';
import { parseStoredAuthor, parseStoredStory } from './storedStory';

interface SummaryRow {
  slug: string;
  published_at: string;
  doc: string;
  comment_count: number;
}

/** CAST: PostgreSQL counts in bigint, which its driver hands over as a string. */
export const approvedCount = sql<number>`(SELECT CAST(COUNT(*) AS INTEGER) FROM comments c WHERE c.story_slug = s.slug AND c.status = 'approved')`;

/** Cursors are opaque to clients: base64url of the last item's sort key. */
const encodeCursor = (row: SummaryRow) => Buffer.from(`${row.published_at}|${row.slug}`).toString('base64url');

function toSummary(row: SummaryRow): StorySummary {
  const stored = parseStoredStory(row.doc);
  return { ...stored.summary, commentCount: row.comment_count };
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** What readers' pages and the API read: published stories, their sections and authors, with comment counts. */
export function storyReads(db: Db) {
  const summaries = () =>
    db
      .selectFrom('stories as s')
      .select(['s.slug', 's.published_at', 's.doc', approvedCount.as('comment_count')])
      .where('s.withdrawn', '=', 0);

  /** Newest first; one extra row tells us whether another page exists without a COUNT query. */
  async function page(query: ReturnType<typeof summaries>, { limit, cursor }: PageRequest): Promise<StoryPage> {
    if (cursor) {
      const after = decodeStoryCursor(cursor);
      query = query.where((eb) =>
        eb.or([
          eb('s.published_at', '<', after.publishedAt),
          eb.and([eb('s.published_at', '=', after.publishedAt), eb('s.slug', '<', after.slug)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('s.published_at', 'desc')
      .orderBy('s.slug', 'desc')
      .limit(limit + 1)
      .execute();
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return { stories: shown.map(toSummary), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async function author(id: string): Promise<Author | undefined> {
    const row = await db.selectFrom('authors').select('doc').where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const found = parseStoredAuthor(row.doc);
    return { ...found, social: found.social.map((link) => ({ ...link, handle: socialHandle(link) })) };
  }

  async function sections(): Promise<Section[]> {
    const rows = await liveStories(db)
      .select(['section', sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n')])
      .groupBy('section')
      .orderBy('section')
      .execute();
    return rows.map((row) => ({ slug: sectionSlug(row.section), name: row.section, storyCount: row.n }));
  }

  return {
    list: (request: PageRequest) => page(summaries(), request),

    sections,

    async section(slug: string, request: PageRequest) {
      const section = (await sections()).find((candidate) => candidate.slug === slug);
      if (!section) return undefined;
      return { section, ...(await page(summaries().where('s.section', '=', section.name), request)) };
    },

    async story(slug: string): Promise<Story | undefined> {
      const row = await db
        .selectFrom('stories as s')
        .select(['s.slug', 's.doc', 's.author_id', approvedCount.as('comment_count')])
        .where('s.slug', '=', slug)
        .where('s.withdrawn', '=', 0)
        .executeTakeFirst();
      if (!row) return undefined;
      const stored = parseStoredStory(row.doc);
      const storyAuthor = await author(row.author_id);
      if (!storyAuthor) return undefined;
      const relatedRows =
        stored.story.related.length === 0
          ? []
          : await summaries().where('s.slug', 'in', stored.story.related).execute();
      const bySlug = new Map(relatedRows.map((related) => [related.slug, toSummary(related)]));
      const { authorId: _authorId, related, ...story } = stored.story;
      return {
        ...story,
        // Stored since sync derives it; a row written before that has it in its summary.
        excerpt: story.excerpt ?? stored.summary.excerpt,
        author: storyAuthor,
        related: related.flatMap((relatedSlug) => bySlug.get(relatedSlug) ?? []),
        readingMinutes: stored.summary.readingMinutes,
        commentCount: row.comment_count,
      };
    },

    async author(id: string, request: PageRequest): Promise<AuthorPage | undefined> {
      const found = await author(id);
      if (!found) return undefined;
      return { author: found, ...(await page(summaries().where('s.author_id', '=', id), request)) };
    },

    async exists(slug: string): Promise<boolean> {
      const row = await liveStories(db).select('slug').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type StoryReads = ReturnType<typeof storyReads>;
