import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory } from '../../test/helpers/content';
import { openTestStore, testEngine } from '../../test/helpers/engine';
import { createChanges } from '../changes';
import type { Store } from '.';

// Run on SQLite in the `unit` project and on PostgreSQL in `unit-pg`.
let store: Store;
afterEach(() => store?.close());

const floods = { slug: 'flood-defences', name: 'Flood defences' };
const ferries = { slug: 'ferries', name: 'Ferries' };
const harbour = { slug: 'harbour', name: 'Harbour' };

async function setUp() {
  store = await openTestStore();
  const changes = createChanges();
  const heard: string[][] = [];
  changes.subscribe((keys) => heard.push([...keys].filter((key) => key.startsWith('tag:')).sort()));
  const content = store.content(changes);
  await content.syncSource('files', {
    authors: [makeAuthor()],
    stories: [
      makeStory('oldest', { publishedAt: '2026-11-01T09:00:00Z', tags: [floods] }),
      makeStory('middle', { publishedAt: '2026-11-02T09:00:00Z', tags: [ferries, floods] }),
      makeStory('newest', { publishedAt: '2026-11-03T09:00:00Z', tags: [{ ...floods, name: 'Flood Defences' }] }),
      makeStory('untagged', { publishedAt: '2026-11-04T09:00:00Z' }),
      makeStory('ahead', { publishedAt: '2099-01-01T09:00:00Z', tags: [harbour, floods] }),
    ],
    keep: [],
  });
  heard.length = 0;
  return { content, heard };
}

describe(`tags in the store (${testEngine})`, () => {
  it("keeps a story's tags in its order, on its API answer and in the tags' rows", async () => {
    await setUp();
    expect(await store.tags.ofStory('middle')).toEqual([ferries, floods]);
    expect((await store.stories.story('middle'))?.tags).toEqual([ferries, floods]);
    expect((await store.stories.story('untagged'))?.tags).toEqual([]);
    // A story dated ahead is nobody's yet.
    expect(await store.tags.ofStory('ahead')).toEqual([]);
  });

  it("finds a tag by slug with its newest story's name and its published count; an unknown one not at all", async () => {
    await setUp();
    expect(await store.tags.bySlug('flood-defences')).toEqual({ ...floods, name: 'Flood Defences', storyCount: 3 });
    expect(await store.tags.bySlug('ferries')).toEqual({ ...ferries, storyCount: 1 });
    expect(await store.tags.bySlug('harbour')).toBeUndefined();
    expect(await store.tags.bySlug('nothing-here')).toBeUndefined();
    expect(await store.stories.tag('nothing-here', { limit: 5 })).toBeUndefined();
  });

  it("pages through a tag's published stories newest first by cursor", async () => {
    await setUp();
    const first = await store.stories.tag('flood-defences', { limit: 2 });
    expect(first?.tag).toEqual({ slug: 'flood-defences', name: 'Flood Defences', storyCount: 3 });
    expect(first?.stories.map((story) => story.slug)).toEqual(['newest', 'middle']);
    expect(first?.nextCursor).toEqual(expect.any(String));
    const second = await store.stories.tag('flood-defences', { limit: 2, cursor: first!.nextCursor! });
    expect(second?.stories.map((story) => story.slug)).toEqual(['oldest']);
    expect(second?.nextCursor).toBeNull();
  });

  it('lists every tag a published story carries for the sitemap, with its newest story', async () => {
    await setUp();
    expect(await store.tags.sitemap()).toEqual([
      { slug: 'ferries', lastmod: '2026-11-02T09:00:00.000Z' },
      { slug: 'flood-defences', lastmod: '2026-11-03T09:00:00.000Z' },
    ]);
    const paths = (await store.feeds.sitemapEntries()).map((entry) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(['/tags/ferries', '/tags/flood-defences']));
    expect(paths).not.toContain('/tags/harbour');
  });

  it("feeds a tag's newest stories", async () => {
    await setUp();
    expect((await store.feeds.newest(10, { tag: 'flood-defences' })).map((story) => story.slug)).toEqual([
      'newest',
      'middle',
      'oldest',
    ]);
    expect(await store.feeds.newest(10, { tag: 'nothing-here' })).toEqual([]);
  });

  it('names the tags a story had and has when it is retagged, and drops it from the old ones', async () => {
    const { content, heard } = await setUp();
    await content.upsertStory('files', makeStory('middle', { publishedAt: '2026-11-02T09:00:00Z', tags: [harbour] }));
    expect(heard).toEqual([['tag:ferries', 'tag:flood-defences', 'tag:harbour']]);
    expect(await store.tags.bySlug('ferries')).toBeUndefined();
    expect((await store.stories.tag('flood-defences', { limit: 5 }))?.stories.map((story) => story.slug)).toEqual([
      'newest',
      'oldest',
    ]);
    expect(await store.tags.bySlug('harbour')).toEqual({ ...harbour, storyCount: 1 });
  });

  it("names a withdrawn story's tags and leaves it off their lists; its return brings it back", async () => {
    const { content, heard } = await setUp();
    expect(await content.withdrawStory('files', 'newest')).toBe(true);
    expect(heard).toEqual([['tag:flood-defences']]);
    // The name now comes from the newest story still published.
    expect(await store.tags.bySlug('flood-defences')).toEqual({ ...floods, storyCount: 2 });
    expect(await content.upsertStory('files', makeStory('newest', { tags: [floods] }))).toBe('created');
    expect((await store.tags.bySlug('flood-defences'))?.storyCount).toBe(3);
  });

  it("names a story's tags when it comes due", async () => {
    await setUp();
    expect(await store.schedule.dueKeys('2098-12-31T00:00:00.000Z', '2099-01-02T00:00:00.000Z')).toEqual(
      expect.arrayContaining(['tag:harbour', 'tag:flood-defences']),
    );
  });
});
