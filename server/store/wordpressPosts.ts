import type { Db } from './open';

/**
 * A WordPress comment as a row for Byline's comment store. The WordPress id is kept so that importing the same
 * comment again adds nothing (the store makes it unique), and replies name their parent by WordPress id.
 */
export interface WordPressCommentRow {
  storySlug: string;
  wordpressId: number;
  /** null for a top-level comment. The parent may be in this batch (it comes first) or imported earlier. */
  parentWordpressId: number | null;
  name: string;
  /** An http(s) address, or null. */
  website: string | null;
  /** Plain text: paragraphs separated by a blank line, line breaks kept. */
  text: string;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** What Byline keeps about a story's WordPress origin beside the story itself. */
export interface WordPressStoryMeta {
  wordpressId: number;
  /** Category and tag names: the story schema has no place for them yet. */
  categories: string[];
  tags: string[];
  /** Their ids, so related stories can be picked from the store between two full passes. */
  categoryIds: number[];
  tagIds: number[];
}

const parseIds = (json: string) => JSON.parse(json) as number[];

/** WordPress posts (ids for old links, categories and tags) and the comments imported from WordPress. */
export function wordpressStore(db: Db) {
  return {
    /** The live WordPress stories, with their post id when one is recorded. */
    async knownPosts() {
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
        tags: parseIds(row.tag_ids),
        categories: parseIds(row.category_ids),
        publishedAt: row.published_at,
      }));
    },

    async putPost(slug: string, meta: WordPressStoryMeta) {
      const { id, ...fields } = {
        id: meta.wordpressId,
        slug,
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
      await db.deleteFrom('wordpress_posts').where('slug', '=', slug).where('id', '!=', id).execute();
    },

    /**
     * Adds the comments not imported before, in one transaction. Parents come before replies (oldest first); a
     * reply whose parent is unknown waits for a later sync. Answers how many were added and on which stories.
     */
    importComments(rows: WordPressCommentRow[]): Promise<{ added: number; storySlugs: Set<string> }> {
      return db.transaction().execute(async (trx) => {
        let added = 0;
        const storySlugs = new Set<string>();
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
          storySlugs.add(row.storySlug);
        }
        return { added, storySlugs };
      });
    },

    async shownComments() {
      const rows = await db
        .selectFrom('comments')
        .select('wordpress_id')
        .where('wordpress_id', 'is not', null)
        .where('status', '=', 'approved')
        .execute();
      return rows.map((row) => row.wordpress_id!);
    },

    /** Trashes these imported comments that are shown; answers the stories they were on. */
    async hideComments(wordpressIds: readonly number[]): Promise<Set<string>> {
      const storySlugs = new Set<string>();
      for (let start = 0; start < wordpressIds.length; start += 500) {
        const rows = await db
          .updateTable('comments')
          .set({ status: 'trash' })
          .where('wordpress_id', 'in', wordpressIds.slice(start, start + 500))
          .where('status', '=', 'approved')
          .returning('story_slug')
          .execute();
        for (const row of rows) storySlugs.add(row.story_slug);
      }
      return storySlugs;
    },

    /** The post id of each live WordPress story, for old `?p=` links. */
    async permalinks() {
      return db
        .selectFrom('wordpress_posts as w')
        .innerJoin('stories as s', 's.slug', 'w.slug')
        .select(['w.id', 'w.slug'])
        .where('s.withdrawn', '=', 0)
        .where('s.source', '=', 'wordpress')
        .execute();
    },
  };
}
