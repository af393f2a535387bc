import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoryFile } from '../../../src/schema';
import { makeAuthor, makeStory, relatedSet, seedContent, writeContentDir } from '../../../test/helpers/content';
import { openTestStore } from '../../../test/helpers/engine';
import { createChanges } from '../../changes';
import type { Store } from '../../store';
import { syncFiles } from './sync';

let store: Store | undefined;
afterEach(() => store?.close());

const storyCount = async (db: Store['db']) =>
  (
    await db
      .selectFrom('stories')
      .select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'))
      .where('withdrawn', '=', 0)
      .executeTakeFirstOrThrow()
  ).n;

describe('syncFiles', () => {
  it('says a new file that fails is not published, and an edit that fails keeps the last good version', async () => {
    const opened = (store = await openTestStore());
    const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    await seedContent(opened, dir);
    writeFileSync(join(dir, 'stories', 'story-1.json'), '{ "slug": "story-1", ');
    writeFileSync(join(dir, 'stories', 'fresh.json'), JSON.stringify(makeStory('fresh', { related: ['x'] })));
    const { faults } = await seedContent(opened, dir);
    expect(faults.map(({ file, outcome, line }) => ({ file, outcome, line }))).toEqual([
      { file: 'stories/fresh.json', outcome: 'not published', line: 1 },
      { file: 'stories/story-1.json', outcome: 'the last good version stays', line: 1 },
    ]);
    expect(await storyCount(opened.db)).toBe(4);
  });

  it('publishes the first story of an empty site from a file that names no related stories', async () => {
    const opened = (store = await openTestStore());
    const { related: _left, ...first } = makeStory('first');
    const dir = writeContentDir({ authors: [makeAuthor()], stories: { first } });
    const { report, faults } = await seedContent(opened, dir);
    expect(faults).toEqual([]);
    expect(report).toMatchObject({ added: 1 });
    expect(await opened.stories.story('first')).toMatchObject({ slug: 'first', related: [] });
  });

  it('loads every valid story once, and a second run changes nothing', async () => {
    const opened = (store = await openTestStore());
    const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    const none = { updated: 0, withdrawn: 0, conflicts: [] };
    expect((await seedContent(opened, dir)).report).toEqual({ ...none, added: 4, unchanged: 0 });
    expect((await seedContent(opened, dir)).report).toEqual({ ...none, added: 0, unchanged: 4 });
    expect(await storyCount(opened.db)).toBe(4);
  });

  it('updates an edited story, withdraws one whose file is gone, keeps one whose file turned invalid', async () => {
    const opened = (store = await openTestStore());
    const stories = { ...relatedSet(), extra: makeStory('extra', { related: ['story-1', 'story-2', 'story-3'] }) };
    await seedContent(opened, writeContentDir({ authors: [makeAuthor()], stories }));
    expect(await storyCount(opened.db)).toBe(5);

    const edited: Record<string, StoryFile> = { ...stories };
    delete edited.extra;
    const next = {
      ...edited,
      'story-1': { ...edited['story-1']!, headline: 'A new headline' },
      'story-2': { ...edited['story-2']!, publishedAt: 'not a date' },
    };
    const { report, faults } = await seedContent(opened, writeContentDir({ authors: [makeAuthor()], stories: next }));
    expect(faults.map((fault) => fault.file)).toEqual(['stories/story-2.json']);
    expect(report).toEqual({ added: 0, updated: 1, unchanged: 2, withdrawn: 1, conflicts: [] });
    const row = await opened.db
      .selectFrom('stories')
      .select('doc')
      .where('slug', '=', 'story-1')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.doc).story.headline).toBe('A new headline');
    const live = await opened.db
      .selectFrom('stories')
      .select('slug')
      .where('withdrawn', '=', 0)
      .orderBy('slug')
      .execute();
    expect(live).toEqual([{ slug: 'story-1' }, { slug: 'story-2' }, { slug: 'story-3' }, { slug: 'story-4' }]);
  });

  it('keeps each file’s size, mtime and hash: unchanged and touched files are not written again, edited ones are', async () => {
    const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    const opened = (store = await openTestStore());
    const repository = opened.content(createChanges());
    const stamp = async (slug: string) =>
      (await opened.db.selectFrom('stories').select('file_hash').where('slug', '=', slug).executeTakeFirstOrThrow())
        .file_hash;

    expect((await syncFiles(repository, dir)).report).toMatchObject({ added: 4, unchanged: 0 });
    const path = join(dir, 'stories', 'story-1.json');
    const { size, mtimeMs } = statSync(path);
    expect(await stamp('story-1')).toMatch(new RegExp(`^${size}:${mtimeMs}\\|[0-9a-f]{64}$`));
    expect((await syncFiles(repository, dir)).report).toMatchObject({ added: 0, updated: 0, unchanged: 4 });

    // Touched (a checkout, a copy): same content, new mtime; nothing is written but the new stamp.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path, later, later);
    expect((await syncFiles(repository, dir)).report).toMatchObject({ updated: 0, unchanged: 4 });
    expect(await stamp('story-1')).toMatch(new RegExp(`^${size}:${statSync(path).mtimeMs}\\|`));

    writeFileSync(path, JSON.stringify({ ...relatedSet()['story-1'], headline: 'Edited' }));
    expect((await syncFiles(repository, dir)).report).toMatchObject({ updated: 1, unchanged: 3 });
  });

  it('stores the derived excerpt with the story and its summary', async () => {
    const opened = (store = await openTestStore());
    const stories = relatedSet();
    const { excerpt: _none, standfirst: _alsoNone, ...bare } = stories['story-1']!;
    stories['story-1'] = bare;
    await seedContent(opened, writeContentDir({ authors: [makeAuthor()], stories }));
    const row = await opened.db
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
