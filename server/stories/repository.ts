import {
  sectionSlug,
  type Author,
  type AuthorPage,
  type Section,
  type Story,
  type StoryFile,
  type StoryPage,
  type StorySummary,
} from '../../src/schema';
import type { Db } from '../db';

interface StoredStory {
  story: Omit<StoryFile, '$schema'>;
  summary: Omit<StorySummary, 'commentCount'>;
}

interface SummaryRow {
  slug: string;
  published_at: string;
  doc: string;
  comment_count: number;
}

const APPROVED_COUNT = `(SELECT COUNT(*) FROM comments c WHERE c.story_slug = s.slug AND c.status = 'approved')`;

export class CursorError extends Error {}

/** Cursors are opaque to clients: base64url of the last item's sort key. */
const encodeCursor = (row: SummaryRow) => Buffer.from(`${row.published_at}|${row.slug}`).toString('base64url');

function decodeCursor(cursor: string): { publishedAt: string; slug: string } {
  const [publishedAt, slug, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!publishedAt || !slug || extra !== undefined || Number.isNaN(Date.parse(publishedAt))) {
    throw new CursorError('The cursor is not one this server issued');
  }
  return { publishedAt, slug };
}

function toSummary(row: SummaryRow): StorySummary {
  const stored = JSON.parse(row.doc) as StoredStory;
  return { ...stored.summary, commentCount: row.comment_count };
}

export function createStoryRepository(db: Db) {
  const firstPage = db.prepare(
    `SELECT slug, published_at, doc, ${APPROVED_COUNT} AS comment_count FROM stories s
     WHERE withdrawn = 0 ORDER BY published_at DESC, slug DESC LIMIT ?`,
  );
  const laterPage = db.prepare(
    `SELECT slug, published_at, doc, ${APPROVED_COUNT} AS comment_count FROM stories s
     WHERE withdrawn = 0 AND (published_at < @publishedAt OR (published_at = @publishedAt AND slug < @slug))
     ORDER BY published_at DESC, slug DESC LIMIT @limit`,
  );
  const oneStory = db.prepare(
    `SELECT slug, published_at, doc, author_id, ${APPROVED_COUNT} AS comment_count FROM stories s
     WHERE slug = ? AND withdrawn = 0`,
  );
  const summariesBySlugs = db.prepare(
    `SELECT slug, published_at, doc, ${APPROVED_COUNT} AS comment_count FROM stories s
     WHERE withdrawn = 0 AND slug IN (SELECT value FROM json_each(?))`,
  );
  const sectionCounts = db.prepare(
    'SELECT section, COUNT(*) AS n FROM stories WHERE withdrawn = 0 GROUP BY section ORDER BY section',
  );
  const firstSectionPage = db.prepare(
    `SELECT slug, published_at, doc, ${APPROVED_COUNT} AS comment_count FROM stories s
     WHERE withdrawn = 0 AND section = @section ORDER BY published_at DESC, slug DESC LIMIT @limit`,
  );
  const laterSectionPage = db.prepare(
    `SELECT slug, published_at, doc, ${APPROVED_COUNT} AS comment_count FROM stories s
     WHERE withdrawn = 0 AND section = @section
       AND (published_at < @publishedAt OR (published_at = @publishedAt AND slug < @slug))
     ORDER BY published_at DESC, slug DESC LIMIT @limit`,
  );
  const oneAuthor = db.prepare('SELECT doc FROM authors WHERE id = ?');
  const byAuthor = db.prepare(
    `SELECT slug, published_at, doc, ${APPROVED_COUNT} AS comment_count FROM stories s
     WHERE withdrawn = 0 AND author_id = ? ORDER BY published_at DESC, slug DESC`,
  );

  function author(id: string): Author | undefined {
    const row = oneAuthor.get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Author) : undefined;
  }

  /** One extra row tells us whether another page exists without a COUNT query. */
  function paginate(rows: SummaryRow[], limit: number): StoryPage {
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { stories: page.map(toSummary), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  function sections(): Section[] {
    return (sectionCounts.all() as { section: string; n: number }[]).map((row) => ({
      slug: sectionSlug(row.section),
      name: row.section,
      storyCount: row.n,
    }));
  }

  return {
    list({ limit, cursor }: { limit: number; cursor?: string }): StoryPage {
      const rows = cursor ? laterPage.all({ ...decodeCursor(cursor), limit: limit + 1 }) : firstPage.all(limit + 1);
      return paginate(rows as SummaryRow[], limit);
    },

    sections,

    section(slug: string, { limit, cursor }: { limit: number; cursor?: string }) {
      const section = sections().find((candidate) => candidate.slug === slug);
      if (!section) return undefined;
      const params = { section: section.name, limit: limit + 1 };
      const rows = cursor
        ? laterSectionPage.all({ ...params, ...decodeCursor(cursor) })
        : firstSectionPage.all(params);
      return { section, ...paginate(rows as SummaryRow[], limit) };
    },

    story(slug: string): Story | undefined {
      const row = oneStory.get(slug) as (SummaryRow & { author_id: string }) | undefined;
      if (!row) return undefined;
      const stored = JSON.parse(row.doc) as StoredStory;
      const storyAuthor = author(row.author_id);
      if (!storyAuthor) return undefined;
      const relatedRows = summariesBySlugs.all(JSON.stringify(stored.story.related)) as SummaryRow[];
      const bySlug = new Map(relatedRows.map((related) => [related.slug, toSummary(related)]));
      const { authorId: _authorId, related, ...story } = stored.story;
      return {
        ...story,
        author: storyAuthor,
        related: related.flatMap((relatedSlug) => bySlug.get(relatedSlug) ?? []),
        readingMinutes: stored.summary.readingMinutes,
        commentCount: row.comment_count,
      };
    },

    author(id: string): AuthorPage | undefined {
      const found = author(id);
      if (!found) return undefined;
      return { author: found, stories: (byAuthor.all(id) as SummaryRow[]).map(toSummary) };
    },

    exists(slug: string): boolean {
      return oneStory.get(slug) !== undefined;
    },
  };
}

export type StoryRepository = ReturnType<typeof createStoryRepository>;
