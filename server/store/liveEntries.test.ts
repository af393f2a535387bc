import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEntry, StoryFile } from '../../src/schema';
import { makeAuthor, makeStory, relatedSet } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import { createChanges } from '../changes';
import { ContentConflict, ContentInvalid, type Store } from '.';

let store: Store;
afterEach(() => store?.close());

const entry = (id: string, minute: number, extra: Partial<LiveEntry> = {}): LiveEntry => ({
  id,
  at: `2026-12-07T10:${String(minute).padStart(2, '0')}:00Z`,
  blocks: [{ type: 'paragraph', content: [{ type: 'text', text: `Entry ${id}` }] }],
  ...extra,
});

const liveStory = (entries?: LiveEntry[]): StoryFile =>
  makeStory('storm-live', {
    related: ['story-1', 'story-2', 'story-3'],
    live: { status: 'live', startedAt: '2026-12-07T09:00:00Z' },
    ...(entries ? { entries } : {}),
  });

async function setUp() {
  store = await openTestStore();
  const changes = createChanges();
  const heard: string[][] = [];
  changes.subscribe((keys) => heard.push([...keys]));
  const content = store.content(changes);
  await content.syncSource('files', { authors: [makeAuthor()], stories: Object.values(relatedSet()), keep: [] });
  heard.length = 0;
  return { content, heard };
}

describe('live entries in the store', () => {
  it('syncs a file story entries: added, edited and removed ones each show in the updates after a revision', async () => {
    const { content } = await setUp();
    const files = (entries: LiveEntry[]) => ({
      authors: [makeAuthor()],
      stories: [...Object.values(relatedSet()), liveStory(entries)],
      keep: [],
    });
    await content.syncSource('files', files([entry('a', 1), entry('b', 2, { keyEvent: true, title: 'Landfall' })]));
    const first = await store.live.updates('storm-live', 0);
    expect(first).toMatchObject({ rev: 1, removed: [], live: { status: 'live' } });
    expect(first!.changed.map((e) => e.id)).toEqual(['b', 'a']);
    // The same file again changes nothing and moves no revision.
    expect(
      (await content.syncSource('files', files([entry('a', 1), entry('b', 2, { keyEvent: true, title: 'Landfall' })])))
        .unchanged,
    ).toBe(Object.keys(relatedSet()).length + 1);
    expect(await store.live.updates('storm-live', 1)).toMatchObject({ rev: 1, changed: [], removed: [] });
    await content.syncSource('files', files([entry('b', 2, { title: 'Landfall near the coast' }), entry('c', 3)]));
    const second = await store.live.updates('storm-live', 1);
    expect(second!.rev).toBe(2);
    expect(second!.changed.map((e) => [e.id, e.title])).toEqual([
      ['c', undefined],
      ['b', 'Landfall near the coast'],
    ]);
    expect(second!.removed).toEqual(['a']);
    expect(await store.live.updates('storm-live', 5)).toMatchObject({ reload: true });
  });

  it('pages entries newest first with the pinned entry and key events on every page', async () => {
    const { content } = await setUp();
    const entries = Array.from({ length: 7 }, (_, index) =>
      entry(`e${index}`, index, { keyEvent: index === 1 || index === 5, pinned: index === 0 }),
    );
    await content.upsertStory('api', liveStory(entries));
    const one = await store.live.page('storm-live', 1, 3);
    expect(one!.entries.map((e) => e.id)).toEqual(['e6', 'e5', 'e4']);
    expect(one!.pageCount).toBe(3);
    expect(one!.pinned?.id).toBe('e0');
    expect(one!.keyEvents.map((k) => [k.id, k.page])).toEqual([
      ['e5', 1],
      ['e1', 2],
    ]);
    expect((await store.live.page('storm-live', 3, 3))!.entries.map((e) => e.id)).toEqual(['e0']);
    expect(await store.live.page('storm-live', 4, 3)).toBeUndefined();
    expect(await store.live.page('story-1', 1, 3)).toBeUndefined();
  });

  it('adds, edits and removes entries one by one through the API, telling the story key each time', async () => {
    const { content, heard } = await setUp();
    await content.upsertStory('api', liveStory());
    heard.length = 0;
    const now = new Date('2026-12-07T11:00:00Z');
    expect(
      await content.putEntry('api', 'storm-live', { ...entry('x', 0), at: undefined }, 'create', now),
    ).toMatchObject({
      result: 'created',
    });
    expect(heard).toEqual([['story:storm-live']]);
    expect(await content.putEntry('api', 'storm-live', entry('x', 0), 'create')).toBe('exists');
    // Edited without a time: it keeps the one it had.
    expect(
      await content.putEntry('api', 'storm-live', { ...entry('x', 0, { title: 'Now with a title' }), at: undefined }),
    ).toMatchObject({ result: 'updated' });
    const page = await store.live.page('storm-live', 1, 10);
    expect(page!.entries).toEqual([{ ...entry('x', 0, { title: 'Now with a title' }), at: now.toISOString() }]);
    expect(await content.removeEntry('api', 'storm-live', 'x')).toBe(true);
    expect(await content.removeEntry('api', 'storm-live', 'x')).toBe(false);
    expect(await store.live.updates('storm-live', 2)).toMatchObject({ rev: 3, changed: [], removed: ['x'] });
    expect((await store.live.page('storm-live', 1, 10))!.entries).toEqual([]);
    expect(await content.putEntry('api', 'no-such-story', entry('y', 1))).toBeUndefined();
  });

  it('refuses entries for a story that is not live or that another source owns, and ends coverage once', async () => {
    const { content, heard } = await setUp();
    await expect(content.putEntry('api', 'story-1', entry('x', 1))).rejects.toBeInstanceOf(ContentConflict);
    await content.upsertStory('api', makeStory('plain', { related: ['story-1', 'story-2', 'story-3'] }));
    await expect(content.putEntry('api', 'plain', entry('x', 1))).rejects.toBeInstanceOf(ContentInvalid);
    await content.upsertStory('api', liveStory([entry('a', 1)]));
    heard.length = 0;
    expect(await content.endLive('api', 'storm-live', new Date('2026-12-07T12:00:00Z'))).toBe('updated');
    expect(heard[0]).toContain('story:storm-live');
    expect(await content.endLive('api', 'storm-live')).toBe('unchanged');
    const ended = await store.live.updates('storm-live', 1);
    expect(ended!.live).toEqual({
      status: 'ended',
      startedAt: '2026-12-07T09:00:00Z',
      endedAt: '2026-12-07T12:00:00.000Z',
    });
    expect((await store.stories.story('storm-live'))!.live?.status).toBe('ended');
  });

  it('answers updates for an ordinary story with its approved comment count only', async () => {
    await setUp();
    expect(await store.live.updates('story-1', 0)).toEqual({
      rev: 0,
      live: null,
      changed: [],
      removed: [],
      commentCount: 0,
    });
    expect(await store.live.updates('nowhere', 0)).toBeUndefined();
  });
});
