import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import { createChanges } from '../changes';
import { ContentConflict, ContentInvalid, type Store } from '.';

let store: Store;
afterEach(() => store?.close());

async function setUp() {
  store = await openTestStore();
  const changes = createChanges();
  const heard: string[][] = [];
  changes.subscribe((keys) => heard.push([...keys].sort()));
  const content = store.content(changes);
  return { content, heard };
}

const live = async () =>
  (
    await store.db.selectFrom('stories').select(['slug', 'source']).where('withdrawn', '=', 0).orderBy('slug').execute()
  ).map((row) => `${row.slug}:${row.source}`);

describe('content repository', () => {
  it('lets each source withdraw only its own stories', async () => {
    const { content } = await setUp();
    await content.syncSource('files', { authors: [makeAuthor()], stories: Object.values(relatedSet()), keep: [] });
    expect(
      await content.upsertStory('api', makeStory('from-api', { related: ['story-1', 'story-2', 'story-3'] })),
    ).toBe('created');
    const report = await content.syncSource('files', {
      authors: [makeAuthor()],
      stories: Object.values(relatedSet()).slice(0, 3),
      keep: [],
    });
    expect(report).toMatchObject({ added: 0, unchanged: 3, withdrawn: 1 });
    expect(await live()).toEqual(['from-api:api', 'story-1:files', 'story-2:files', 'story-3:files']);
    expect(await content.withdrawStory('api', 'from-api')).toBe(true);
    expect(await content.withdrawStory('api', 'from-api')).toBe(false);
    expect(await live()).toEqual(['story-1:files', 'story-2:files', 'story-3:files']);
  });

  it('refuses to overwrite a live story or an author another source owns, in both directions', async () => {
    const { content } = await setUp();
    await content.syncSource('files', { authors: [makeAuthor()], stories: Object.values(relatedSet()), keep: [] });
    await expect(content.upsertStory('api', makeStory('story-1'))).rejects.toThrow(ContentConflict);
    await expect(content.withdrawStory('api', 'story-1')).rejects.toMatchObject({ owner: 'files' });
    await expect(content.upsertAuthor('api', makeAuthor({ name: 'Someone else' }))).rejects.toMatchObject({
      kind: 'author',
      owner: 'files',
    });
    await content.upsertStory('api', makeStory('taken'));
    const report = await content.syncSource('files', {
      authors: [makeAuthor()],
      stories: [...Object.values(relatedSet()), makeStory('taken', { headline: 'A file with the same slug' })],
      keep: [],
    });
    expect(report.conflicts.map((conflict) => conflict.message)).toEqual([
      'The story "taken" is published from the publishing API; only that source can change it.',
    ]);
    expect(await live()).toContain('taken:api');
    // Once withdrawn, the slug is free for any source.
    await content.withdrawStory('api', 'taken');
    await content.syncSource('files', {
      authors: [makeAuthor()],
      stories: [...Object.values(relatedSet()), makeStory('taken')],
      keep: [],
    });
    expect(await live()).toContain('taken:files');
  });

  it('answers unknown authors and related stories with their JSON paths', async () => {
    const { content } = await setUp();
    await content.upsertAuthor('api', makeAuthor());
    const error = await content
      .upsertStory('api', makeStory('lonely', { authorId: 'nobody', related: ['lonely', 'missing'] }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentInvalid);
    expect((error as ContentInvalid).fields).toEqual({
      authorId: 'Unknown author "nobody"',
      'related[0]': 'A story cannot be related to itself',
      'related[1]': 'Unknown story "missing"',
    });
    expect(await live()).toEqual([]);
  });

  it('tells the change bus every key a write touches, and nothing for an unchanged write', async () => {
    const { content, heard } = await setUp();
    await content.syncSource('files', { authors: [makeAuthor()], stories: Object.values(relatedSet()), keep: [] });
    heard.length = 0;
    const story = makeStory('story-1', {
      related: ['story-2', 'story-3', 'story-4'],
      section: 'Science',
      publishedAt: '2026-11-01T09:00:00Z',
    });
    await content.syncSource('files', {
      authors: [makeAuthor()],
      stories: [...Object.values(relatedSet()).slice(1), story],
      keep: [],
    });
    // Moved from City to Science: both sections, the front, its author, its page and the pages that list it.
    expect(heard).toEqual([
      [
        'author:ada-test',
        'front',
        'search',
        'section:city',
        'section:science',
        'story:story-1',
        'story:story-2',
        'story:story-3',
        'story:story-4',
      ],
    ]);
    heard.length = 0;
    expect(await content.upsertAuthor('files', makeAuthor())).toBe('unchanged');
    expect(heard).toEqual([]);
    expect(await content.upsertAuthor('files', makeAuthor({ name: 'Ada Renamed' }))).toBe('updated');
    expect(heard[0]).toEqual(expect.arrayContaining(['author:ada-test', 'front', 'story:story-1', 'story:story-4']));
    const row = await store.db
      .selectFrom('stories')
      .select('doc')
      .where('slug', '=', 'story-2')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.doc).summary.author.name).toBe('Ada Renamed');
    // The renamed summaries match what the files now produce, so the next sync has nothing to write.
    const again = await content.syncSource('files', {
      authors: [makeAuthor({ name: 'Ada Renamed' })],
      stories: [...Object.values(relatedSet()).slice(1), story],
      keep: [],
    });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 4, withdrawn: 0 });
  });
});
