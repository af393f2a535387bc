import { afterEach, describe, expect, it } from 'vitest';
import { makePage } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import { createChanges } from '../changes';
import { ContentConflict, type Store } from '.';

let store: Store;
afterEach(() => store?.close());

async function setUp() {
  store = await openTestStore();
  const changes = createChanges();
  const heard: string[][] = [];
  changes.subscribe((keys) => heard.push([...keys].sort()));
  return { content: store.content(changes), heard };
}

describe('standing pages in the store', () => {
  it('creates, updates, skips an unchanged page and withdraws, telling the bus each page it changed', async () => {
    const { content, heard } = await setUp();
    expect(await content.upsertPage('api', makePage('about'))).toBe('created');
    expect(await store.pages.get('about')).toEqual({
      slug: 'about',
      title: 'Title of about',
      description: 'Description of about.',
      updatedAt: '2026-11-01T09:00:00Z',
      body: makePage('about').body,
    });
    expect(await content.upsertPage('api', makePage('about'))).toBe('unchanged');
    expect(await content.upsertPage('api', makePage('about', { title: 'About us' }))).toBe('updated');
    expect((await store.pages.get('about'))?.title).toBe('About us');
    expect(await store.pages.list()).toEqual([
      { slug: 'about', title: 'About us', updatedAt: '2026-11-01T09:00:00.000Z' },
    ]);
    expect(await content.withdrawPage('api', 'about')).toBe(true);
    expect(await content.withdrawPage('api', 'about')).toBe(false);
    expect(await store.pages.get('about')).toBeUndefined();
    expect(await store.pages.list()).toEqual([]);
    // Created, updated, withdrawn: the unchanged write and the second withdrawal told nobody.
    expect(heard).toEqual([
      ['page:about', 'pages'],
      ['page:about', 'pages'],
      ['page:about', 'pages'],
    ]);
  });

  it('keeps a live page to the source that published it, and lets any source bring back a withdrawn one', async () => {
    const { content } = await setUp();
    await content.syncPages('files', [makePage('corrections')]);
    await expect(content.upsertPage('api', makePage('corrections'))).rejects.toThrow(ContentConflict);
    await expect(content.withdrawPage('wordpress', 'corrections')).rejects.toMatchObject({
      kind: 'page',
      owner: 'files',
    });
    const report = await content.syncPages('wordpress', [makePage('corrections', { title: 'Theirs' })]);
    expect(report.conflicts.map((conflict) => conflict.message)).toEqual([
      'The page "corrections" is published from the content files; only that source can change it.',
    ]);
    expect((await store.pages.get('corrections'))?.title).toBe('Title of corrections');
    await content.syncPages('files', []);
    expect(await content.upsertPage('api', makePage('corrections', { title: 'Now the API’s' }))).toBe('created');
    expect((await store.pages.get('corrections'))?.title).toBe('Now the API’s');
  });

  it('syncs a source: adds, updates, leaves kept pages alone and withdraws only its own missing ones', async () => {
    const { content } = await setUp();
    await content.upsertPage('api', makePage('terms'));
    expect(
      await content.syncPages('files', [makePage('about'), makePage('contact'), makePage('broken')]),
    ).toMatchObject({
      added: 3,
      withdrawn: 0,
    });
    const report = await content.syncPages('files', [makePage('about', { title: 'Changed' })], ['broken']);
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 0, withdrawn: 1, conflicts: [] });
    expect((await store.pages.list()).map((page) => page.slug)).toEqual(['about', 'broken', 'terms']);
  });
});
