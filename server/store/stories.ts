import { sql } from 'kysely';
import {
  sectionSlug,
  type Author,
  type AuthorPage,
  type Section,
  type Story,
  type StoryPage,
  type StorySummary,
  type TagPage,
} from '../../src/schema';
import { socialHandle } from '../../src/schema/social';
import { decodeStoryCursor } from './cursors';
import { RELATED_MAX, RELATED_MIN, pickRelated } from '../content';
import { publishedStories, storeNow } from './liveStories';
import type { Db } from './open';
import { parseStoredAuthor, parseStoredStory } from './storedStory';
import { taggedWith, type TagReads } from './tags';

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
export function storyReads(db: Db, tags: TagReads) {
  const summaries = () =>
    db
      .selectFrom('stories as s')
      .select(['s.slug', 's.published_at', 's.doc', approvedCount.as('comment_count')])
      .where('s.withdrawn', '=', 0)
      .where('s.published_at', '<=', storeNow());

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
    const rows = await publishedStories(db)
      .select(['section', sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n')])
      .groupBy('section')
      .orderBy('section')
      .execute();
    return rows.map((row) => ({ slug: sectionSlug(row.section), name: row.section, storyCount: row.n }));
  }

  /** The stories a story names, in its order, those published only. */
  async function named(slugs: readonly string[]): Promise<Pick<Story, 'related'>> {
    const rows = await summaries().where('s.slug', 'in', slugs).execute();
    const bySlug = new Map(rows.map((related) => [related.slug, toSummary(related)]));
    return { related: slugs.flatMap((relatedSlug) => bySlug.get(relatedSlug) ?? []) };
  }

  /**
   * For a story that names none: the newest of its section, filled with the site's newest when its section has
   * fewer than the minimum. Only those two short lists can win, so only they are read.
   */
  async function picked(slug: string, section: string): Promise<Pick<Story, 'related' | 'relatedPicked'>> {
    const newest = (query: ReturnType<typeof summaries>) =>
      query
        .where('s.slug', '!=', slug)
        .orderBy('s.published_at', 'desc')
        .orderBy('s.slug', 'desc')
        .limit(RELATED_MAX)
        .execute();
    const inSection = await newest(summaries().where('s.section', '=', section));
    const rows = inSection.length >= RELATED_MIN ? inSection : [...inSection, ...(await newest(summaries()))];
    const bySlug = new Map(rows.map((row) => [row.slug, row]));
    const candidates = [...bySlug.values()].map((row) => ({
      slug: row.slug,
      tags: [],
      categories: [parseStoredStory(row.doc).story.section],
      publishedAt: row.published_at,
    }));
    const slugs = pickRelated({ slug, tags: [], categories: [section], publishedAt: '' }, candidates);
    // A rail filled from the whole site changes with any story's publication; one from the section, with its.
    return {
      related: slugs.map((pick) => toSummary(bySlug.get(pick)!)),
      relatedPicked: inSection.length >= RELATED_MIN ? 'section' : 'site',
    };
  }

  return {
    list: (request: PageRequest) => page(summaries(), request),

    sections,

    async section(slug: string, request: PageRequest) {
      const section = (await sections()).find((candidate) => candidate.slug === slug);
      if (!section) return undefined;
      return { section, ...(await page(summaries().where('s.section', '=', section.name), request)) };
    },

    /**
     * A published story with its related rail: the stories it names that are published, else those Byline picks.
     * `scheduled` also finds a story dated ahead (the publishing API answers its editor with it).
     */
    async story(slug: string, { scheduled = false } = {}): Promise<Story | undefined> {
      let query = db
        .selectFrom('stories as s')
        .select(['s.slug', 's.doc', 's.author_id', approvedCount.as('comment_count')])
        .where('s.slug', '=', slug)
        .where('s.withdrawn', '=', 0);
      if (!scheduled) query = query.where('s.published_at', '<=', storeNow());
      const row = await query.executeTakeFirst();
      if (!row) return undefined;
      const stored = parseStoredStory(row.doc);
      const storyAuthor = await author(row.author_id);
      if (!storyAuthor) return undefined;
      const { authorId: _authorId, related, ...story } = stored.story;
      const rail = related.length > 0 ? await named(related) : await picked(slug, story.section);
      return {
        ...story,
        // Stored since sync derives it; a row written before that has it in its summary.
        excerpt: story.excerpt ?? stored.summary.excerpt,
        author: storyAuthor,
        ...rail,
        tags: story.tags ?? [],
        readingMinutes: stored.summary.readingMinutes,
        commentCount: row.comment_count,
      };
    },

    async author(id: string, request: PageRequest): Promise<AuthorPage | undefined> {
      const found = await author(id);
      if (!found) return undefined;
      return { author: found, ...(await page(summaries().where('s.author_id', '=', id), request)) };
    },

    /** A tag and a page of the published stories that carry it; undefined when none does. */
    async tag(slug: string, request: PageRequest): Promise<TagPage | undefined> {
      const tag = await tags.bySlug(slug);
      if (!tag) return undefined;
      return { tag, ...(await page(summaries().where(taggedWith(slug)), request)) };
    },

    async exists(slug: string): Promise<boolean> {
      const row = await publishedStories(db).select('slug').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type StoryReads = ReturnType<typeof storyReads>;
