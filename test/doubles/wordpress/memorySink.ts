import type { AuthorFile, StoryFile } from '../../../src/schema/content';
import type { WordPressCommentRow, WordPressStoryMeta } from '../../../server/store';
import type { RelatedCandidate } from '../../../server/content';
import type { KnownPost, StoryChange, WordPressSink } from '../../../server/sources';

/**
 * A sink in memory, behaving as the store should: stories by slug (withdrawn ones kept aside), authors by id,
 * comments unique by WordPress id. For tests, and as the reference for the store's own implementation. It
 * refuses what the store would refuse: a story before its author, a reply before its parent.
 */
export class MemorySink implements WordPressSink {
  authors = new Map<string, AuthorFile>();
  stories = new Map<string, { story: StoryFile; meta: WordPressStoryMeta; withdrawn: boolean }>();
  /** Comments by WordPress id; `hidden` once WordPress no longer shows them. */
  comments = new Map<number, WordPressCommentRow & { hidden?: boolean }>();

  knownWordPressPosts(): KnownPost[] {
    return [...this.stories]
      .filter(([, entry]) => !entry.withdrawn)
      .map(([slug, entry]) => ({ slug, id: entry.meta.wordpressId }));
  }

  relatedCandidates(): RelatedCandidate[] {
    return [...this.stories]
      .filter(([, entry]) => !entry.withdrawn)
      .map(([slug, { story, meta }]) => ({
        slug,
        tags: meta.tagIds,
        categories: meta.categoryIds,
        publishedAt: story.publishedAt,
      }));
  }

  shownWordPressComments() {
    return [...this.comments].filter(([, row]) => !row.hidden).map(([id]) => id);
  }

  hideComments(wordpressIds: readonly number[]) {
    for (const id of wordpressIds) {
      const row = this.comments.get(id);
      if (row) row.hidden = true;
    }
  }

  upsertAuthor(author: AuthorFile) {
    this.authors.set(author.id, author);
  }

  upsertStory(story: StoryFile, meta: WordPressStoryMeta): StoryChange {
    if (!this.authors.has(story.authorId)) throw new Error(`story ${story.slug} before its author ${story.authorId}`);
    const before = this.stories.get(story.slug);
    this.stories.set(story.slug, { story, meta, withdrawn: false });
    if (!before || before.withdrawn) return 'added';
    return JSON.stringify(before.story) === JSON.stringify(story) ? 'unchanged' : 'updated';
  }

  withdrawStory(slug: string) {
    const entry = this.stories.get(slug);
    if (entry) entry.withdrawn = true;
  }

  importComments(rows: WordPressCommentRow[]) {
    let added = 0;
    for (const row of rows) {
      if (this.comments.has(row.wordpressId)) continue;
      if (row.parentWordpressId !== null && !this.comments.has(row.parentWordpressId)) {
        throw new Error(`comment ${row.wordpressId} before its parent ${row.parentWordpressId}`);
      }
      this.comments.set(row.wordpressId, row);
      added++;
    }
    return added;
  }

  /** Slugs of the stories a reader can see, sorted. */
  live() {
    return [...this.stories]
      .filter(([, entry]) => !entry.withdrawn)
      .map(([slug]) => slug)
      .sort();
  }
}
