import type { Changes } from '../../changes';
import type { ContentRepository } from '../../content/repository';
import type { Db } from '../../store/open';
import type { WordPressCommentRow } from './comments';
import type { PermalinkLookup } from './permalinks';
import { SinkRefusal, type StoryChange, type WordPressSink } from './sync';

const CHANGE: Record<'created' | 'updated' | 'unchanged', StoryChange> = {
  created: 'added',
  updated: 'updated',
  unchanged: 'unchanged',
};

/**
 * Where a WordPress sync lands: the same content repository as files and the publishing API (source
 * `wordpress`, so it withdraws only its own), post ids for old links, and imported comments.
 */
export function createWordPressSink(db: Db, content: ContentRepository, changes: Changes): WordPressSink {
  return {
    async knownWordPressPosts() {
      const rows = await db
        .selectFrom('stories as s')
        .leftJoin('wordpress_posts as w', 'w.slug', 's.slug')
        .select(['s.slug', 'w.id'])
        .where('s.source', '=', 'wordpress')
        .where('s.withdrawn', '=', 0)
        .execute();
      return rows.map((row) => ({ slug: row.slug, id: row.id ?? undefined }));
    },

    async relatedCandidates() {
      const rows = await db
        .selectFrom('stories as s')
        .innerJoin('wordpress_posts as w', 'w.slug', 's.slug')
        .select(['s.slug', 's.published_at', 'w.tag_ids', 'w.category_ids'])
        .where('s.source', '=', 'wordpress')
        .where('s.withdrawn', '=', 0)
        .execute();
      return rows.map((row) => ({
        slug: row.slug,
        tags: JSON.parse(row.tag_ids) as number[],
        categories: JSON.parse(row.category_ids) as number[],
        publishedAt: row.published_at,
      }));
    },

    async upsertAuthor(author) {
      await content.writeBatch('wordpress', { authors: [author], stories: [] });
    },

    // writeBatch, not upsertStory: related stories may arrive later in the same sync, and the page shows those
    // that exist when it is read.
    async upsertStory(story, meta) {
      const report = await content.writeBatch('wordpress', { authors: [], stories: [story] });
      if (report.conflicts.length > 0) throw new SinkRefusal(report.conflicts[0]!.message);
      const { id, ...fields } = {
        id: meta.wordpressId,
        slug: story.slug,
        categories: JSON.stringify(meta.categories),
        tags: JSON.stringify(meta.tags),
        category_ids: JSON.stringify(meta.categoryIds),
        tag_ids: JSON.stringify(meta.tagIds),
      };
      await db
        .insertInto('wordpress_posts')
        .values({ id, ...fields })
        .onConflict((oc) => oc.column('id').doUpdateSet(fields))
        .execute();
      // A slug names one post: a deleted post's row would otherwise still claim a slug another post now has
      // (old links, and the count of posts a sync expects).
      await db.deleteFrom('wordpress_posts').where('slug', '=', story.slug).where('id', '!=', id).execute();
      return report.added ? CHANGE.created : report.updated ? CHANGE.updated : CHANGE.unchanged;
    },

    async withdrawStory(slug) {
      await content.withdrawStory('wordpress', slug);
    },

    /** Parents come before replies (oldest first); a reply whose parent is unknown waits for a later sync. */
    async importComments(rows: WordPressCommentRow[]) {
      let added = 0;
      const touched = new Set<string>();
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          const existing = await trx
            .selectFrom('comments')
            .select('id')
            .where('wordpress_id', '=', row.wordpressId)
            .executeTakeFirst();
          if (existing) continue;
          let parentId: number | null = null;
          let depth = 1;
          if (row.parentWordpressId !== null) {
            const parent = await trx
              .selectFrom('comments')
              .select(['id', 'depth'])
              .where('wordpress_id', '=', row.parentWordpressId)
              .executeTakeFirst();
            if (!parent) continue;
            parentId = parent.id;
            depth = parent.depth + 1;
          }
          await trx
            .insertInto('comments')
            .values({
              story_slug: row.storySlug,
              parent_id: parentId,
              depth,
              name: row.name,
              // The public REST API carries no emails, so there is nothing here to leak.
              email: '',
              website: row.website,
              text: row.text,
              status: 'approved',
              ip_hash: '',
              user_agent: '',
              created_at: row.createdAt,
              wordpress_id: row.wordpressId,
            })
            .execute();
          added++;
          touched.add(row.storySlug);
        }
      });
      changes.publish([...touched].map((slug) => `comments:${slug}`));
      return added;
    },

    async shownWordPressComments() {
      const rows = await db
        .selectFrom('comments')
        .select('wordpress_id')
        .where('wordpress_id', 'is not', null)
        .where('status', '=', 'approved')
        .execute();
      return rows.map((row) => row.wordpress_id!);
    },

    // Trash, as a moderator's decision would: the comment leaves every page, and a moderator can still see it.
    async hideComments(wordpressIds) {
      const touched = new Set<string>();
      for (let start = 0; start < wordpressIds.length; start += 500) {
        const chunk = wordpressIds.slice(start, start + 500);
        const rows = await db
          .updateTable('comments')
          .set({ status: 'trash' })
          .where('wordpress_id', 'in', chunk)
          .where('status', '=', 'approved')
          .returning('story_slug')
          .execute();
        for (const row of rows) touched.add(row.story_slug);
      }
      changes.publish([...touched].map((slug) => `comments:${slug}`));
    },
  };
}

/** Old links' lookups, held in memory (a redirect must not wait on the database) and reloaded after each sync. */
export function createPermalinkIndex(db: Db) {
  let byId = new Map<number, string>();
  let bySlug = new Map<string, string>();
  const lookup: PermalinkLookup = {
    slugForPostId: (id) => byId.get(id),
    storyForSlug: (slug) => bySlug.get(slug),
  };
  return {
    lookup,
    async reload() {
      const rows = await db
        .selectFrom('wordpress_posts as w')
        .innerJoin('stories as s', 's.slug', 'w.slug')
        .select(['w.id', 'w.slug'])
        .where('s.withdrawn', '=', 0)
        .where('s.source', '=', 'wordpress')
        .execute();
      byId = new Map(rows.map((row) => [row.id, row.slug]));
      bySlug = new Map(rows.map((row) => [row.slug, row.slug]));
    },
  };
}
