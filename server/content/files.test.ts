import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, relatedSet, writeContentDir } from '../../test/helpers/content';
import { createChanges } from '../changes';
import { openStore, type Store } from '../store';
import { syncFiles } from './files';
import { createContentRepository } from './repository';

let store: Store | undefined;
afterEach(() => store?.close());

describe('syncFiles', () => {
  it('keeps each file’s size, mtime and hash: unchanged and touched files are not written again, edited ones are', async () => {
    const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    store = await openStore({ dbPath: ':memory:' });
    const repository = createContentRepository(store, createChanges());
    const stamp = async (slug: string) =>
      (await store!.db.selectFrom('stories').select('file_hash').where('slug', '=', slug).executeTakeFirstOrThrow())
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
});
