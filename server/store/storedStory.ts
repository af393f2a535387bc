import type { AuthorFile, StoryFile, StorySummary } from '../../src/schema';
import { excerptOf, readingMinutes } from '../content';

export type StoredSummary = Omit<StorySummary, 'commentCount'>;
export type StoredAuthor = Omit<AuthorFile, '$schema'>;

/** What a story row's `doc` holds: the validated story and the summary lists show, built once when it is written. */
export interface StoredStory {
  /** Without its live entries: those are rows of their own (server/store/liveEntries.ts). */
  story: Omit<StoryFile, '$schema' | 'entries'>;
  summary: StoredSummary;
}

export function storedStory(file: StoryFile, author: Pick<AuthorFile, 'id' | 'name'>): StoredStory {
  const { $schema: _ignored, entries: _entries, ...fields } = file;
  // The story carries its excerpt too, derived when the file has none: every reader of it sees one.
  const story = { ...fields, excerpt: excerptOf(file) };
  const summary: StoredSummary = {
    slug: story.slug,
    section: story.section,
    headline: story.headline,
    leadIn: story.leadIn,
    excerpt: story.excerpt,
    publishedAt: story.publishedAt,
    image: story.image,
    author: { id: author.id, name: author.name },
    readingMinutes: readingMinutes(story.body),
  };
  return { story, summary };
}

export function storedAuthor(file: AuthorFile): StoredAuthor {
  const { $schema: _ignored, ...author } = file;
  return author;
}

/*
 * The one place a row's JSON becomes a typed value. Only this store writes these columns, always from a
 * validated file through the builders above, so the shape is trusted here rather than validated on every read
 * (a list page reads hundreds of them).
 */
export const parseStoredStory = (doc: string) => JSON.parse(doc) as StoredStory;
export const parseStoredAuthor = (doc: string) => JSON.parse(doc) as StoredAuthor;
/** The image origins column: a JSON array of origins. */
export const parseOrigins = (json: string) => JSON.parse(json) as string[];
