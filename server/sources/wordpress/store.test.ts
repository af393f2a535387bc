import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, relatedSet } from '../../../test/helpers/content';
import { openTestStore } from '../../../test/helpers/engine';
import { createChanges } from '../../changes';
import type { Store, WordPressCommentRow } from '../../store';
import { createWordPressSink } from './store';

let store: Store;
afterEach(() => store?.close());

async function setUp() {
  store = await openTestStore();
  const changes = createChanges();
  const heard: string[] = [];
  changes.subscribe((keys) => heard.push(...keys));
  const sink = createWordPressSink(store.wordpress, store.content(changes), changes);
  await sink.upsertAuthor(makeAuthor());
  const stories = Object.values(relatedSet('wp'));
  for (const [index, story] of stories.entries()) {
    await sink.upsertStory(story, {
      wordpressId: 100 + index,
      categories: ['Harbour'],
      tags: [`tag ${index}`],
      categoryIds: [2],
      tagIds: [10 + index, 50],
    });
  }
  return { sink, heard };
}

const comment = (wordpressId: number, storySlug = 'wp-1'): WordPressCommentRow => ({
  storySlug,
  wordpressId,
  parentWordpressId: null,
  name: 'Reader',
  website: null,
  text: `Comment ${wordpressId}`,
  createdAt: '2026-11-20T10:00:00Z',
});

describe('the WordPress sink on the store', () => {
  it('knows its stories with their post ids, and what related stories are picked from', async () => {
    const { sink } = await setUp();
    await sink.withdrawStory('wp-4');
    expect([...(await sink.knownWordPressPosts())].sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([
      { slug: 'wp-1', id: 100 },
      { slug: 'wp-2', id: 101 },
      { slug: 'wp-3', id: 102 },
    ]);
    const candidates = (await sink.relatedCandidates()).sort((a, b) => a.slug.localeCompare(b.slug));
    expect(candidates).toEqual([
      { slug: 'wp-1', tags: [10, 50], categories: [2], publishedAt: '2026-11-01T09:00:00.000Z' },
      { slug: 'wp-2', tags: [11, 50], categories: [2], publishedAt: '2026-11-02T09:00:00.000Z' },
      { slug: 'wp-3', tags: [12, 50], categories: [2], publishedAt: '2026-11-03T09:00:00.000Z' },
    ]);
  });

  it('gives a slug to one post only: the newest to take it', async () => {
    const { sink } = await setUp();
    await sink.withdrawStory('wp-1');
    const meta = { wordpressId: 200, categories: [], tags: [], categoryIds: [], tagIds: [] };
    await sink.upsertStory(relatedSet('wp')['wp-1']!, meta);
    const known = [...(await sink.knownWordPressPosts())].filter((post) => post.slug === 'wp-1');
    expect(known).toEqual([{ slug: 'wp-1', id: 200 }]);
  });

  it('hides imported comments WordPress no longer shows, and only those', async () => {
    const { sink, heard } = await setUp();
    expect(await sink.importComments([comment(1), comment(2), comment(3, 'wp-2')])).toBe(3);
    heard.length = 0;
    await sink.hideComments([2, 3, 99]);
    expect([...(await sink.shownWordPressComments())]).toEqual([1]);
    const rows = await store.db
      .selectFrom('comments')
      .select(['wordpress_id', 'status'])
      .orderBy('wordpress_id')
      .execute();
    expect(rows).toEqual([
      { wordpress_id: 1, status: 'approved' },
      { wordpress_id: 2, status: 'trash' },
      { wordpress_id: 3, status: 'trash' },
    ]);
    expect(heard.sort()).toEqual(['comments:wp-1', 'comments:wp-2']);
  });
});
