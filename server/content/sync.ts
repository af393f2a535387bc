import { createHash } from 'node:crypto';
import type { AuthorFile, Block, Inline, StoryFile, StorySummary } from '../../src/schema';
import type { Db } from '../db';
import type { Content } from './read';

const WORDS_PER_MINUTE = 220;

const inlineText = (runs: Inline[]) => runs.map((run) => run.text).join(' ');

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'blockquote':
      return inlineText(block.content);
    case 'list':
      return block.items.map(inlineText).join(' ');
    case 'subheading':
    case 'pullquote':
    case 'embed':
      return block.text;
    case 'image':
      return block.caption ?? '';
    case 'divider':
      return '';
  }
}

export function readingMinutes(body: Block[]): number {
  const words = body.map(blockText).join(' ').split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}

type StoredSummary = Omit<StorySummary, 'commentCount'>;

function summaryOf(story: StoryFile, author: AuthorFile, minutes: number): StoredSummary {
  return {
    slug: story.slug,
    section: story.section,
    headline: story.headline,
    leadIn: story.leadIn,
    excerpt: story.excerpt,
    publishedAt: story.publishedAt,
    image: story.image,
    author: { id: author.id, name: author.name },
    readingMinutes: minutes,
  };
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export interface SyncReport {
  added: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
}

/**
 * Makes the database match the content files, in one transaction. Running it twice changes nothing.
 * A story whose file disappeared is withdrawn rather than deleted, so its comments survive its return;
 * one whose file is refused keeps its last good version until the file is mended.
 */
export function syncContent(db: Db, content: Content): SyncReport {
  const report: SyncReport = { added: 0, updated: 0, unchanged: 0, withdrawn: 0 };
  const authorsById = new Map(content.authors.map((author) => [author.id, author]));
  const existingAuthors = new Map(
    (db.prepare('SELECT id, content_hash FROM authors').all() as { id: string; content_hash: string }[]).map((row) => [
      row.id,
      row.content_hash,
    ]),
  );
  const existingStories = new Map(
    (
      db.prepare('SELECT slug, content_hash, withdrawn FROM stories').all() as {
        slug: string;
        content_hash: string;
        withdrawn: number;
      }[]
    ).map((row) => [row.slug, row]),
  );
  const upsertAuthor = db.prepare(
    `INSERT INTO authors (id, doc, content_hash) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, content_hash = excluded.content_hash`,
  );
  const upsertStory = db.prepare(
    `INSERT INTO stories (slug, author_id, section, published_at, reading_minutes, doc, content_hash, withdrawn)
     VALUES (@slug, @authorId, @section, @publishedAt, @minutes, @doc, @hash, 0)
     ON CONFLICT (slug) DO UPDATE SET author_id = excluded.author_id, section = excluded.section,
       published_at = excluded.published_at, reading_minutes = excluded.reading_minutes, doc = excluded.doc,
       content_hash = excluded.content_hash, withdrawn = 0`,
  );
  const withdraw = db.prepare('UPDATE stories SET withdrawn = 1 WHERE slug = ?');

  db.transaction(() => {
    for (const author of content.authors) {
      const { $schema: _ignored, ...doc } = author;
      const digest = hash(doc);
      if (existingAuthors.get(author.id) !== digest) upsertAuthor.run(author.id, JSON.stringify(doc), digest);
    }
    const present = new Set<string>();
    for (const story of content.stories) {
      const author = authorsById.get(story.authorId);
      if (!author) continue;
      present.add(story.slug);
      const { $schema: _ignored, ...doc } = story;
      const minutes = readingMinutes(story.body);
      const stored = { story: doc, summary: summaryOf(story, author, minutes) };
      const digest = hash(stored);
      const existing = existingStories.get(story.slug);
      if (existing && existing.content_hash === digest && existing.withdrawn === 0) {
        report.unchanged++;
        continue;
      }
      if (existing) report.updated++;
      else report.added++;
      upsertStory.run({
        slug: story.slug,
        authorId: story.authorId,
        section: story.section,
        publishedAt: new Date(story.publishedAt).toISOString(),
        minutes,
        doc: JSON.stringify(stored),
        hash: digest,
      });
    }
    const refused = new Set(content.refusedStories);
    for (const [slug, row] of existingStories) {
      if (!present.has(slug) && !refused.has(slug) && row.withdrawn === 0) {
        withdraw.run(slug);
        report.withdrawn++;
      }
    }
  })();
  return report;
}
