import { liveStories } from './liveStories';
import type { Db } from './open';
import { parseOrigins, parseStoredAuthor } from './storedStory';

/** What the CSP's list of image origins is built from: each live story's origins column, and the authors. */
export function imageReads(db: Db) {
  return {
    /** A live story's image origins, read from their own column (written with the story): no document parsed. */
    async storyOrigins(slug: string): Promise<string[] | undefined> {
      const row = await liveStories(db).select('image_origins').where('slug', '=', slug).executeTakeFirst();
      return row ? parseOrigins(row.image_origins) : undefined;
    },

    /** Every live story that shows an image from another origin, with those origins. */
    async storiesWithOrigins(): Promise<{ slug: string; origins: string[] }[]> {
      const rows = await liveStories(db).select(['slug', 'image_origins']).where('image_origins', '!=', '[]').execute();
      return rows.map((row) => ({ slug: row.slug, origins: parseOrigins(row.image_origins) }));
    },

    async author(id: string) {
      const row = await db.selectFrom('authors').select('doc').where('id', '=', id).executeTakeFirst();
      return row ? parseStoredAuthor(row.doc) : undefined;
    },

    async authors() {
      const rows = await db.selectFrom('authors').select('doc').execute();
      return rows.map((row) => parseStoredAuthor(row.doc));
    },
  };
}
