import { otherSources } from './contentRules';
import type { Db } from './open';
import type { ContentSource } from './tables';

/**
 * What a source's sync reads of what it published before (file hashes it need not read again, links left
 * dangling, what other sources publish), and the file stamps it records: part of store.content, beside the writes.
 */
export const sourceSyncReads = (db: Db) => ({
  /** Records new file hashes for stories whose content did not change (no change to tell anyone). */
  restamp: (fileHashes: ReadonlyMap<string, string>): Promise<void> =>
    db.transaction().execute(async (trx) => {
      for (const [slug, fileHash] of fileHashes) {
        await trx.updateTable('stories').set({ file_hash: fileHash }).where('slug', '=', slug).execute();
      }
    }),

  /** The file hash of each live story of this source: what it need not read again. */
  async fileHashes(source: ContentSource): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('stories')
      .select(['slug', 'file_hash'])
      .where('source', '=', source)
      .where('withdrawn', '=', 0)
      .where('file_hash', 'is not', null)
      .execute();
    return new Map(rows.map((row) => [row.slug, row.file_hash!]));
  },

  /** Links from this source's live stories to stories no longer published: faults to report. */
  async danglingLinks(source: ContentSource): Promise<{ from: string; to: string }[]> {
    const rows = await db
      .selectFrom('story_links as l')
      .innerJoin('stories as f', 'f.slug', 'l.from_slug')
      .leftJoin('stories as t', (join) => join.onRef('t.slug', '=', 'l.to_slug').on('t.withdrawn', '=', 0))
      .select(['l.from_slug', 'l.to_slug'])
      .where('f.source', '=', source)
      .where('f.withdrawn', '=', 0)
      .where('t.slug', 'is', null)
      .orderBy('l.from_slug')
      .orderBy('l.to_slug')
      .execute();
    return rows.map((row) => ({ from: row.from_slug, to: row.to_slug }));
  },

  /** What other sources publish, which this source's stories may name: live story slugs and author ids. */
  async publishedElsewhere(source: ContentSource): Promise<{ slugs: string[]; authorIds: string[] }> {
    const [stories, authors] = await Promise.all([
      // `IN` the other sources rather than `!=` this one, so the index on (source, withdrawn, slug) answers.
      db
        .selectFrom('stories')
        .select('slug')
        .where('source', 'in', otherSources(source))
        .where('withdrawn', '=', 0)
        .execute(),
      db.selectFrom('authors').select('id').where('source', 'in', otherSources(source)).execute(),
    ]);
    return { slugs: stories.map((row) => row.slug), authorIds: authors.map((row) => row.id) };
  },
});
