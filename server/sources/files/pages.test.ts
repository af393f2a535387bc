import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, makePage, relatedSet, writeContentDir } from '../../../test/helpers/content';
import { openTestStore } from '../../../test/helpers/engine';
import { createChanges } from '../../changes';
import type { Store } from '../../store';
import { syncFiles } from './sync';

let store: Store | undefined;
afterEach(() => store?.close());

function writePage(dir: string, name: string, page: unknown) {
  mkdirSync(join(dir, 'pages'), { recursive: true });
  writeFileSync(join(dir, 'pages', `${name}.json`), typeof page === 'string' ? page : JSON.stringify(page));
}

describe('standing pages from content/pages', () => {
  it('publishes valid page files, refuses a bad one by its field, and withdraws a removed file', async () => {
    const opened = (store = await openTestStore());
    const content = opened.content(createChanges());
    const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    writePage(dir, 'about-us', makePage('about-us'));
    writePage(dir, 'contact', makePage('contact'));
    writePage(dir, 'terms', makePage('not-terms'));
    const first = await syncFiles(content, dir, { displayRoot: dir });
    expect(first.pages).toBe(3);
    expect(first.faults.map(({ file, path, outcome }) => ({ file, path, outcome }))).toEqual([
      { file: 'pages/terms.json', path: 'slug', outcome: 'not published' },
    ]);
    expect((await opened.pages.list()).map((page) => page.slug)).toEqual(['about-us', 'contact']);

    // A broken edit keeps the page online as it was; a removed file takes its page down.
    writePage(dir, 'about-us', '{ "slug": "about-us", "title": "" }');
    rmSync(join(dir, 'pages', 'contact.json'));
    const second = await syncFiles(content, dir, { displayRoot: dir });
    expect(second.faults.map(({ file, path, outcome }) => ({ file, path, outcome }))).toEqual([
      { file: 'pages/about-us.json', path: 'title', outcome: 'the last good version stays' },
      { file: 'pages/about-us.json', path: 'description', outcome: 'the last good version stays' },
      { file: 'pages/about-us.json', path: 'body', outcome: 'the last good version stays' },
      { file: 'pages/about-us.json', path: 'updatedAt', outcome: 'the last good version stays' },
      { file: 'pages/terms.json', path: 'slug', outcome: 'not published' },
    ]);
    expect(second.report.withdrawn).toBe(1);
    expect((await opened.pages.get('about-us'))?.title).toBe('Title of about-us');
    expect(await opened.pages.get('contact')).toBeUndefined();
  });

  it('reads a content folder without a pages folder as no pages', async () => {
    const opened = (store = await openTestStore());
    const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    const result = await syncFiles(opened.content(createChanges()), dir, { displayRoot: dir });
    expect(result.pages).toBe(0);
    expect(result.faults).toEqual([]);
  });
});
