import { afterEach, describe, expect, it } from 'vitest';
import type { StoryFile } from '../../src/schema';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import type { Store } from '../store';
import { readContent } from './read';
import { excerptOf, readingMinutes, syncContent } from './sync';

let store: Store;
afterEach(() => store?.close());

const storyCount = async () =>
  (
    await store.db
      .selectFrom('stories')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('withdrawn', '=', 0)
      .executeTakeFirstOrThrow()
  ).n;

describe('syncContent', () => {
  it('loads every valid story once, and a second run changes nothing', async () => {
    store = await openTestStore();
    const content = readContent(writeContentDir({ authors: [makeAuthor()], stories: relatedSet() }));
    expect(await syncContent(store, content)).toEqual({
      added: 4,
      updated: 0,
      unchanged: 0,
      withdrawn: 0,
      conflicts: [],
    });
    expect(await syncContent(store, content)).toEqual({
      added: 0,
      updated: 0,
      unchanged: 4,
      withdrawn: 0,
      conflicts: [],
    });
    expect(await storyCount()).toBe(4);
  });

  it('updates an edited story, withdraws one whose file is gone, keeps one whose file turned invalid', async () => {
    store = await openTestStore();
    const stories = { ...relatedSet(), extra: makeStory('extra', { related: ['story-1', 'story-2', 'story-3'] }) };
    await syncContent(store, readContent(writeContentDir({ authors: [makeAuthor()], stories })));
    expect(await storyCount()).toBe(5);

    const edited: Record<string, StoryFile> = { ...stories };
    delete edited.extra;
    const next = {
      ...edited,
      'story-1': { ...edited['story-1']!, headline: 'A new headline' },
      'story-2': { ...edited['story-2']!, publishedAt: 'not a date' },
    };
    const content = readContent(writeContentDir({ authors: [makeAuthor()], stories: next }));
    expect(content.refusedStories).toEqual(['story-2']);
    expect(await syncContent(store, content)).toEqual({
      added: 0,
      updated: 1,
      unchanged: 2,
      withdrawn: 1,
      conflicts: [],
    });
    const row = await store.db
      .selectFrom('stories')
      .select('doc')
      .where('slug', '=', 'story-1')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.doc).story.headline).toBe('A new headline');
    const live = await store.db
      .selectFrom('stories')
      .select('slug')
      .where('withdrawn', '=', 0)
      .orderBy('slug')
      .execute();
    expect(live).toEqual([{ slug: 'story-1' }, { slug: 'story-2' }, { slug: 'story-3' }, { slug: 'story-4' }]);
  });
});

describe('readingMinutes', () => {
  it('counts about 220 words a minute, at least one', () => {
    const words = (n: number) => [
      { type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'word '.repeat(n) }] },
    ];
    expect(readingMinutes(words(10))).toBe(1);
    expect(readingMinutes(words(440))).toBe(2);
    expect(readingMinutes(words(441))).toBe(3);
  });
});

describe('excerptOf', () => {
  const paragraph = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });

  it('keeps the excerpt the file gives', () => {
    expect(excerptOf({ headline: 'H', excerpt: 'Given.', body: [paragraph('First.')] })).toBe('Given.');
  });

  it('takes the first paragraph, joining its runs, when the file gives none', () => {
    const body = [
      { type: 'subheading' as const, text: 'Not this' },
      {
        type: 'paragraph' as const,
        content: [
          { type: 'text' as const, text: 'The lamps are ' },
          { type: 'emphasis' as const, text: 'finally' },
          { type: 'text' as const, text: ' lit.' },
        ],
      },
      paragraph('Not this either.'),
    ];
    expect(excerptOf({ headline: 'H', body })).toBe('The lamps are finally lit.');
  });

  it('cuts a long paragraph at a word, with an ellipsis', () => {
    const text = 'Volunteers rewired forty lamps by hand along the breakwater, one ladder at a time.';
    const excerpt = excerptOf({ headline: 'H', body: [paragraph(text)] }, 40);
    expect(excerpt).toBe('Volunteers rewired forty lamps by hand…');
    expect(excerpt.length).toBeLessThanOrEqual(40);
  });

  it('falls back to the headline when there is no paragraph', () => {
    expect(excerptOf({ headline: 'The headline', body: [{ type: 'divider' }] })).toBe('The headline');
  });

  it('is stored with the story and its summary at sync', async () => {
    store = await openTestStore();
    const stories = relatedSet();
    const { excerpt: _none, standfirst: _alsoNone, ...bare } = stories['story-1']!;
    stories['story-1'] = bare;
    await syncContent(store, readContent(writeContentDir({ authors: [makeAuthor()], stories })));
    const row = await store.db
      .selectFrom('stories')
      .select('doc')
      .where('slug', '=', 'story-1')
      .executeTakeFirstOrThrow();
    const stored = JSON.parse(row.doc) as { story: StoryFile; summary: { excerpt: string } };
    expect(stored.summary.excerpt).toBe('Body of story-1.');
    expect(stored.story.excerpt).toBe('Body of story-1.');
    expect(stored.story.standfirst).toBeUndefined();
  });
});
