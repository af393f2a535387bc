import { createHash } from 'node:crypto';
import type { AuthorFile, Block, Inline, StoryFile, StorySummary } from '../../src/schema';
import type { Db } from '../store/open';
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

export const EXCERPT_MAX = 200;

/**
 * A story's excerpt when its file gives none: the first paragraph's text, cut at a word within EXCERPT_MAX
 * characters (with an ellipsis when cut), or the headline for a story that opens without a paragraph.
 */
export function excerptOf(story: Pick<StoryFile, 'excerpt' | 'body' | 'headline'>, max = EXCERPT_MAX): string {
  if (story.excerpt) return story.excerpt;
  const first = story.body.find((block) => block.type === 'paragraph');
  const text = first ? first.content.map((run) => run.text).join('').replace(/\s+/g, ' ').trim() : '';
  if (!text) return story.headline;
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

function summaryOf(story: StoryFile, author: AuthorFile, minutes: number): StoredSummary {
  return {
    slug: story.slug,
    section: story.section,
    headline: story.headline,
    leadIn: story.leadIn,
    excerpt: excerptOf(story),
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
export async function syncContent(db: Db, content: Content): Promise<SyncReport> {
  const report: SyncReport = { added: 0, updated: 0, unchanged: 0, withdrawn: 0 };
  const authorsById = new Map(content.authors.map((author) => [author.id, author]));

  await db.transaction().execute(async (trx) => {
    const existingAuthors = new Map(
      (await trx.selectFrom('authors').select(['id', 'content_hash']).execute()).map((row) => [row.id, row.content_hash]),
    );
    const existingStories = new Map(
      (await trx.selectFrom('stories').select(['slug', 'content_hash', 'withdrawn']).execute()).map((row) => [
        row.slug,
        row,
      ]),
    );
    for (const author of content.authors) {
      const { $schema: _ignored, ...doc } = author;
      const digest = hash(doc);
      if (existingAuthors.get(author.id) === digest) continue;
      await trx
        .insertInto('authors')
        .values({ id: author.id, doc: JSON.stringify(doc), content_hash: digest })
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ doc: eb.ref('excluded.doc'), content_hash: eb.ref('excluded.content_hash') })))
        .execute();
    }
    const present = new Set<string>();
    for (const story of content.stories) {
      const author = authorsById.get(story.authorId);
      if (!author) continue;
      present.add(story.slug);
      const { $schema: _ignored, ...file } = story;
      // The story carries its excerpt too, derived when the file has none: every reader of it sees one.
      const doc = { ...file, excerpt: excerptOf(story) };
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
      const row = {
        slug: story.slug,
        author_id: story.authorId,
        section: story.section,
        published_at: new Date(story.publishedAt).toISOString(),
        reading_minutes: minutes,
        doc: JSON.stringify(stored),
        content_hash: digest,
        withdrawn: 0,
      };
      const { slug: _slug, ...changes } = row;
      await trx
        .insertInto('stories')
        .values(row)
        .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
        .execute();
    }
    const refused = new Set(content.refusedStories);
    for (const [slug, row] of existingStories) {
      if (!present.has(slug) && !refused.has(slug) && row.withdrawn === 0) {
        await trx.updateTable('stories').set({ withdrawn: 1 }).where('slug', '=', slug).execute();
        report.withdrawn++;
      }
    }
  });
  return report;
}
