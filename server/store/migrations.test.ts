import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { makeStory } from '../../test/helpers/content';
import { connect, migrate, migrator, type Connection } from './open';

let store: Connection | undefined;
afterEach(() => store?.close());

describe('migrations', () => {
  it('0009 fills in the image origins of the stories stored before it', async () => {
    store = connect({ dbPath: ':memory:' });
    expect((await migrator(store).migrateTo('0008-stories-by-source')).error).toBeUndefined();
    for (const story of [
      makeStory('with-cdn', { image: { src: 'https://cdn.example/a.jpg', alt: 'A' } }),
      makeStory('local', { image: { src: '/images/b.svg', alt: 'B' } }),
    ]) {
      const doc = JSON.stringify({ story, summary: {} });
      await sql`INSERT INTO stories (slug, author_id, section, published_at, reading_minutes, doc, content_hash, withdrawn)
        VALUES (${story.slug}, 'ada-test', 'City', '2026-11-01T09:00:00.000Z', 1, ${doc}, 'x', 0)`.execute(store.db);
    }
    await migrate(store);
    const rows = await store.db.selectFrom('stories').select(['slug', 'image_origins']).orderBy('slug').execute();
    expect(rows).toEqual([
      { slug: 'local', image_origins: '[]' },
      { slug: 'with-cdn', image_origins: '["https://cdn.example"]' },
    ]);
  });
});
