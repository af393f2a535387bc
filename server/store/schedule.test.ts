import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAuthor, makeStory, relatedSet } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import { createChanges } from '../changes';
import type { Store } from '.';

let store: Store;
afterEach(async () => {
  vi.useRealTimers();
  await store?.close();
});

const NOW = new Date('2026-12-07T12:00:00.000Z');
const AHEAD = '2026-12-07T13:00:00.000Z';

/** The four related stories of November, and `later` dated an hour ahead of NOW in their section. */
async function withScheduledStory() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  store = await openTestStore();
  const content = store.content(createChanges());
  await content.syncSource('files', { authors: [makeAuthor()], stories: Object.values(relatedSet()), keep: [] });
  const later = makeStory('later', { headline: 'Not yet', publishedAt: AHEAD, related: ['story-1'] });
  await content.upsertStory('api', later);
  // story-1 names it: its rail shows it once due.
  await content.syncSource('files', {
    authors: [makeAuthor()],
    stories: [
      ...Object.values(relatedSet()).filter((story) => story.slug !== 'story-1'),
      makeStory('story-1', { publishedAt: '2026-11-01T09:00:00Z', related: ['later', 'story-2'] }),
    ],
    keep: [],
  });
  return content;
}

const slugsOf = (stories: { slug: string }[]) => stories.map((story) => story.slug);

describe('stories dated ahead (issue 24 point 2)', () => {
  it('are stored but nowhere a reader looks until their time, then everywhere', async () => {
    await withScheduledStory();
    const seen = async () => ({
      list: slugsOf((await store.stories.list({ limit: 10 })).stories),
      section: slugsOf((await store.stories.section('city', { limit: 10 }))!.stories),
      author: slugsOf((await store.stories.author('ada-test', { limit: 10 }))!.stories),
      count: (await store.stories.sections())[0]!.storyCount,
      story: (await store.stories.story('later'))?.headline,
      exists: await store.stories.exists('later'),
      rail: slugsOf((await store.stories.story('story-1'))!.related),
      feed: (await store.feeds.newest(10)).map((story) => story.slug),
      sitemap: (await store.feeds.sitemapEntries()).map((entry) => entry.path).filter((path) => path.includes('later')),
      news: (await store.feeds.publishedSince('2026-12-01T00:00:00Z')).map((entry) => entry.slug),
    });
    expect(await seen()).toEqual({
      list: ['story-4', 'story-3', 'story-2', 'story-1'],
      section: ['story-4', 'story-3', 'story-2', 'story-1'],
      author: ['story-4', 'story-3', 'story-2', 'story-1'],
      count: 4,
      story: undefined,
      exists: false,
      rail: ['story-2'],
      feed: ['story-4', 'story-3', 'story-2', 'story-1'],
      sitemap: [],
      news: [],
    });
    // Its editor still sees it.
    expect((await store.stories.story('later', { scheduled: true }))?.headline).toBe('Not yet');

    vi.setSystemTime(new Date(Date.parse(AHEAD) + 1));
    expect(await seen()).toEqual({
      list: ['later', 'story-4', 'story-3', 'story-2', 'story-1'],
      section: ['later', 'story-4', 'story-3', 'story-2', 'story-1'],
      author: ['later', 'story-4', 'story-3', 'story-2', 'story-1'],
      count: 5,
      story: 'Not yet',
      exists: true,
      rail: ['later', 'story-2'],
      feed: ['later', 'story-4', 'story-3', 'story-2', 'story-1'],
      sitemap: ['/stories/later'],
      news: ['later'],
    });
  });

  it('are listed for editors, soonest first, with the time the next one is due', async () => {
    const content = await withScheduledStory();
    await content.upsertStory('api', makeStory('sooner', { headline: 'Sooner', publishedAt: '2026-12-07T12:30:00Z' }));
    expect(await store.schedule.scheduled()).toEqual([
      {
        slug: 'sooner',
        headline: 'Sooner',
        section: 'City',
        authorId: 'ada-test',
        publishedAt: '2026-12-07T12:30:00.000Z',
      },
      { slug: 'later', headline: 'Not yet', section: 'City', authorId: 'ada-test', publishedAt: AHEAD },
    ]);
    expect(await store.schedule.nextAt()).toBe('2026-12-07T12:30:00.000Z');
    expect(await store.schedule.nextAt('2026-12-07T12:30:00.000Z')).toBe(AHEAD);
    expect(await store.schedule.nextAt(AHEAD)).toBeUndefined();
    await content.withdrawStory('api', 'sooner');
    expect(slugsOf(await store.schedule.scheduled())).toEqual(['later']);
  });

  it('give, once due, the keys of their page, their lists and the pages that name them', async () => {
    await withScheduledStory();
    expect(await store.schedule.dueKeys(NOW.toISOString(), '2026-12-07T12:59:59.999Z')).toEqual([]);
    expect((await store.schedule.dueKeys(NOW.toISOString(), AHEAD)).sort()).toEqual([
      'author:ada-test',
      'front',
      'search',
      'section:city',
      'story:later',
      'story:story-1',
    ]);
    // Already told: a later look does not tell it again.
    expect(await store.schedule.dueKeys(AHEAD, '2026-12-07T14:00:00.000Z')).toEqual([]);
  });
});

describe('related stories a story leaves out (issue 24 point 3)', () => {
  it('publishes the first story of an empty site, with an empty rail that any publication changes', async () => {
    store = await openTestStore();
    const content = store.content(createChanges());
    await content.upsertAuthor('api', makeAuthor());
    expect(await content.upsertStory('api', makeStory('first', { section: 'World', related: [] }))).toBe('created');
    const story = await store.stories.story('first');
    expect(story).toMatchObject({ slug: 'first', related: [], relatedPicked: 'site' });
  });

  it('picks the newest of its section, filled from the site when its section has fewer than three', async () => {
    store = await openTestStore();
    const content = store.content(createChanges());
    const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T09:00:00Z`;
    await content.syncSource('files', {
      authors: [makeAuthor()],
      stories: [
        ...Array.from({ length: 8 }, (_, n) =>
          makeStory(`city-${n + 1}`, { section: 'City', publishedAt: day(n + 1) }),
        ),
        makeStory('sport-1', { section: 'Sport', publishedAt: day(20) }),
        makeStory('sport-2', { section: 'Sport', publishedAt: day(21) }),
        makeStory('named', { section: 'Sport', publishedAt: day(22), related: ['city-1', 'city-2', 'city-3'] }),
      ],
      keep: [],
    });
    // Eight in its section: the six newest but itself, newest first.
    expect(await store.stories.story('city-5')).toMatchObject({
      relatedPicked: 'section',
      related: ['city-8', 'city-7', 'city-6', 'city-4', 'city-3', 'city-2'].map((slug) => ({ slug })),
    });
    // Two others in Sport: those first, then the site's newest to make three.
    expect(await store.stories.story('sport-1')).toMatchObject({
      relatedPicked: 'site',
      related: [{ slug: 'named' }, { slug: 'sport-2' }, { slug: 'city-8' }],
    });
    // Named ones are kept as named, and the answer does not say they were picked.
    const named = await store.stories.story('named');
    expect(slugsOf(named!.related)).toEqual(['city-1', 'city-2', 'city-3']);
    expect(named!.relatedPicked).toBeUndefined();
  });

  it('still refuses related stories that do not exist, with the field that names them', async () => {
    store = await openTestStore();
    const content = store.content(createChanges());
    await content.upsertAuthor('api', makeAuthor());
    await expect(content.upsertStory('api', makeStory('first', { related: ['ghost'] }))).rejects.toMatchObject({
      fields: { 'related[0]': 'Unknown story "ghost"' },
    });
  });
});
