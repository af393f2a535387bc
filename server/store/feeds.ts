import { sectionSlug, type Block, type LiveCoverage } from '../../src/schema';
import { publishedStories } from './liveStories';
import type { Db } from './open';
import { parseStoredAuthor, parseStoredStory, type StoredAuthor } from './storedStory';
import { taggedWith, type TagReads } from './tags';

/** What a feed item needs of a story: the stored file plus its author's name and derived excerpt. */
export interface FeedStory {
  slug: string;
  headline: string;
  standfirst?: string;
  excerpt: string;
  section: string;
  publishedAt: string;
  updatedAt?: string;
  image?: { src: string; alt: string; width?: number; height?: number; caption?: string; credit?: string };
  /** The lead image's size in bytes, when known (a file this server serves): its enclosure needs it. */
  imageBytes?: number;
  body: Block[];
  authorName: string;
  /** Its author's id: the feed carries the author's change key, since items show the author's name. */
  authorId: string;
  /** Its tags (none on a story stored before tags existed). */
  tags?: { slug: string; name: string }[];
  /** Set when the story is covered live: its item carries its newest entries. */
  live?: LiveCoverage;
}

/** A story as the news sitemap lists it. */
export interface NewsEntry {
  slug: string;
  headline: string;
  publishedAt: string;
}

export interface SitemapEntry {
  /** A site path ("/stories/harbour-lights"). */
  path: string;
  /** When the page last changed, ISO 8601. */
  lastmod?: string;
}

function feedStory(doc: string): FeedStory {
  const { story, summary } = parseStoredStory(doc);
  return {
    ...story,
    excerpt: story.excerpt ?? summary.excerpt,
    authorName: summary.author.name,
    authorId: story.authorId,
  };
}

/** Which stories a feed lists: a section's, an author's, or (empty) all. */
export interface NewestFilter {
  section?: string;
  authorId?: string;
  /** A tag's slug. */
  tag?: string;
}

/** What the feeds and sitemaps read from the store: published stories only, newest first. */
export function feedReads(db: Db, tags: TagReads) {
  const published = () => publishedStories(db);

  return {
    async newest(limit: number, filter: NewestFilter = {}): Promise<FeedStory[]> {
      let query = published().select('doc');
      if (filter.section) query = query.where('section', '=', filter.section);
      if (filter.authorId) query = query.where('author_id', '=', filter.authorId);
      if (filter.tag) query = query.where(taggedWith(filter.tag, 'slug'));
      const rows = await query.orderBy('published_at', 'desc').orderBy('slug', 'desc').limit(limit).execute();
      return rows.map((row) => feedStory(row.doc));
    },

    async author(id: string): Promise<StoredAuthor | undefined> {
      const row = await db.selectFrom('authors').select('doc').where('id', '=', id).executeTakeFirst();
      return row ? parseStoredAuthor(row.doc) : undefined;
    },

    /** The section's stored name for its URL slug ("city" -> "City"), if any published story is in it. */
    async sectionName(slug: string): Promise<string | undefined> {
      const rows = await published().select('section').distinct().execute();
      return rows.map((row) => row.section).find((name) => sectionSlug(name) === slug);
    },

    /** A tag's name and count, if any published story carries it (its feed's title). */
    tag: tags.bySlug,

    /** The front page, every section, author and tag page, every standing page, and every story with when it last changed. */
    async sitemapEntries(): Promise<SitemapEntry[]> {
      const rows = await published()
        .select(['slug', 'section', 'author_id', 'published_at', 'doc'])
        .orderBy('published_at', 'desc')
        .orderBy('slug', 'desc')
        .execute();
      const stories = rows.map((row) => {
        const { story } = parseStoredStory(row.doc);
        return { path: `/stories/${row.slug}`, lastmod: story.updatedAt ?? story.publishedAt };
      });
      const newestBy = (key: (row: (typeof rows)[number]) => string) => {
        const newest = new Map<string, string>();
        for (const [i, row] of rows.entries()) if (!newest.has(key(row))) newest.set(key(row), stories[i]!.lastmod);
        return newest;
      };
      const sections = [...newestBy((row) => sectionSlug(row.section))].map(([slug, lastmod]) => ({
        path: `/sections/${slug}`,
        lastmod,
      }));
      const authors = [...newestBy((row) => row.author_id)].map(([id, lastmod]) => ({
        path: `/authors/${id}`,
        lastmod,
      }));
      const pages = (
        await db.selectFrom('pages').select(['slug', 'updated_at']).where('withdrawn', '=', 0).orderBy('slug').execute()
      ).map((row) => ({ path: `/pages/${row.slug}`, lastmod: row.updated_at }));
      const tagged = (await tags.sitemap()).map((tag) => ({ path: `/tags/${tag.slug}`, lastmod: tag.lastmod }));
      return [{ path: '/', lastmod: stories[0]?.lastmod }, ...sections, ...authors, ...tagged, ...pages, ...stories];
    },

    /** Stories published since `since` (ISO 8601), for the news sitemap. */
    async publishedSince(since: string): Promise<NewsEntry[]> {
      const rows = await published()
        .select(['slug', 'published_at', 'doc'])
        .where('published_at', '>=', since)
        .orderBy('published_at', 'desc')
        .execute();
      return rows.map((row) => ({
        slug: row.slug,
        headline: parseStoredStory(row.doc).story.headline,
        publishedAt: row.published_at,
      }));
    },
  };
}

export type FeedReads = ReturnType<typeof feedReads>;
