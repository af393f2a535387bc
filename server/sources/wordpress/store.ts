import type { Changes } from '../../changes';
import { changeKey } from '../../changes';
import type { ContentWrites, Store, WordPressCommentRow } from '../../store';
import type { PermalinkLookup } from './permalinks';
import { SinkRefusal, type StoryChange, type WordPressSink } from './sync';

const CHANGE: Record<'created' | 'updated' | 'unchanged', StoryChange> = {
  created: 'added',
  updated: 'updated',
  unchanged: 'unchanged',
};

const commentKeys = (storySlugs: Iterable<string>) => [...storySlugs].map(changeKey.comments);

/**
 * Where a WordPress sync lands: the same content repository as files and the publishing API (source
 * `wordpress`, so it withdraws only its own), post ids for old links, and imported comments.
 */
export function createWordPressSink(
  wordpress: Store['wordpress'],
  content: ContentWrites,
  changes: Changes,
): WordPressSink {
  return {
    knownWordPressPosts: () => wordpress.knownPosts(),

    relatedCandidates: () => wordpress.relatedCandidates(),

    async upsertAuthor(author) {
      await content.writeBatch('wordpress', { authors: [author], stories: [] });
    },

    // writeBatch, not upsertStory: related stories may arrive later in the same sync, and the page shows those
    // that exist when it is read.
    async upsertStory(story, meta) {
      const report = await content.writeBatch('wordpress', { authors: [], stories: [story] });
      if (report.conflicts.length > 0) throw new SinkRefusal(report.conflicts[0]!.message);
      await wordpress.putPost(story.slug, meta);
      return report.added ? CHANGE.created : report.updated ? CHANGE.updated : CHANGE.unchanged;
    },

    async withdrawStory(slug) {
      await content.withdrawStory('wordpress', slug);
    },

    async importComments(rows: WordPressCommentRow[]) {
      const { added, storySlugs } = await wordpress.importComments(rows);
      changes.publish(commentKeys(storySlugs));
      return added;
    },

    shownWordPressComments: () => wordpress.shownComments(),

    // Trash, as a moderator's decision would: the comment leaves every page, and a moderator can still see it.
    async hideComments(wordpressIds) {
      changes.publish(commentKeys(await wordpress.hideComments(wordpressIds)));
    },
  };
}

/** Old links' lookups, held in memory (a redirect must not wait on the database) and reloaded after each sync. */
export function createPermalinkIndex(wordpress: Store['wordpress']) {
  let byId = new Map<number, string>();
  let bySlug = new Map<string, string>();
  const lookup: PermalinkLookup = {
    slugForPostId: (id) => byId.get(id),
    storyForSlug: (slug) => bySlug.get(slug),
  };
  return {
    lookup,
    async reload() {
      const rows = await wordpress.permalinks();
      byId = new Map(rows.map((row) => [row.id, row.slug]));
      bySlug = new Map(rows.map((row) => [row.slug, row.slug]));
    },
  };
}
