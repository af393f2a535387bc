import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../../../test/helpers/content';
import { createApp } from '../../app';
import { createChanges } from '../../changes';
import { openStore, type Store } from '../../store';
import { watchContent, type ContentWatcher } from './watch';

let store: Store | undefined;
let watcher: ContentWatcher | undefined;
afterEach(async () => {
  watcher?.close();
  await store?.close();
});

async function setUp() {
  const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
  store = await openStore({ dbPath: ':memory:' });
  const changes = createChanges();
  const logs: string[] = [];
  const repository = store.content(changes);
  watcher = watchContent({
    contentDir: dir,
    repository,
    rescanMs: 0, // only file events here: the test shows they alone serve an edit
    log: (message) => logs.push(message),
    warn: (message) => logs.push(message),
  });
  await watcher.sync();
  const app = createApp({
    store,
    changes,
    config: { distDir: join(dir, 'no-dist'), adminToken: undefined, commentFloodSeconds: 0, trustProxy: false },
  });
  const headline = async (slug: string) => {
    const response = await app.request(`/api/stories/${slug}`);
    return response.status === 200 ? ((await response.json()) as { headline: string }).headline : response.status;
  };
  const write = (folder: string, name: string, value: unknown) =>
    writeFileSync(join(dir, folder, `${name}.json`), typeof value === 'string' ? value : JSON.stringify(value));
  return { app, dir, logs, headline, write };
}

/** Within the 5 s the issue allows, polled: file events arrive when the system delivers them. */
const within5s = { timeout: 5000, interval: 50 };

// Each step must land within 5 s (its poll); four steps on a loaded machine may take longer together.
describe('watchContent', { timeout: 30_000 }, () => {
  it('serves a story file added, edited, broken and removed while running, and the answer cache follows', async () => {
    const { dir, logs, headline, write } = await setUp();
    expect(await headline('story-1')).toBe('Headline of story-1');
    expect(await headline('late-news')).toBe(404);

    write(
      'stories',
      'late-news',
      makeStory('late-news', { headline: 'Late news', related: ['story-1', 'story-2', 'story-3'] }),
    );
    await expect.poll(() => headline('late-news'), within5s).toBe('Late news');

    write('stories', 'story-1', { ...relatedSet()['story-1'], headline: 'Edited while running' });
    await expect.poll(() => headline('story-1'), within5s).toBe('Edited while running');

    // A broken edit: the last good version stays online, and the log names the file and the JSON path.
    write('stories', 'story-1', { ...relatedSet()['story-1'], headline: 'Broken', publishedAt: 'yesterday' });
    const refused = /^content: the last good version stays: stories\/story-1\.json:1:\d+: publishedAt: not a date/;
    await expect.poll(() => logs.find((line) => refused.test(line)), within5s).toBeDefined();
    expect(await headline('story-1')).toBe('Edited while running');

    rmSync(join(dir, 'stories', 'late-news.json'));
    await expect.poll(() => headline('late-news'), within5s).toBe(404);
  });

  it('serves an author file edited while running, in the lists that name the author', async () => {
    const { app, write } = await setUp();
    const firstAuthor = async () =>
      ((await (await app.request('/api/stories?limit=1')).json()) as { stories: { author: { name: string } }[] })
        .stories[0]!.author.name;
    expect(await firstAuthor()).toBe('Ada Tester');
    write('authors', 'ada-test', makeAuthor({ name: 'Ada Renamed' }));
    await expect.poll(firstAuthor, within5s).toBe('Ada Renamed');
  });
});
