import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../../test/helpers/content';
import { parseFeed, xmllintCheck } from '../../test/helpers/xmlCheck';
import { createApp } from '../app';
import { createChanges } from '../changes';
import { syncFiles } from '../sources';
import { openStore, type Store } from '../store';
import { scratchDir } from '../../test/helpers/scratch';

const TOKEN = 'live-test-token-0123456789abcdef';
const entryBody = (id: string, text: string, extra = {}) => ({
  id,
  blocks: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
  ...extra,
});
const contentDir = writeContentDir({
  authors: [makeAuthor()],
  stories: {
    ...relatedSet(),
    'storm-files': makeStory('storm-files', {
      related: ['story-1', 'story-2', 'story-3'],
      live: { status: 'live', startedAt: '2026-12-07T09:00:00Z' },
      entries: [{ ...entryBody('first', 'From the file'), at: '2026-12-07T09:05:00Z' }],
    }),
  },
});
const stores: Store[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
});

async function start() {
  const store = await openStore({ dbPath: join(scratchDir('live'), 'byline.db') });
  stores.push(store);
  const changes = createChanges();
  const heard: string[][] = [];
  changes.subscribe((keys) => heard.push([...keys]));
  await syncFiles(store.content(changes), contentDir);
  const app = createApp({
    store,
    changes,
    config: {
      distDir: join(contentDir, 'no-dist'),
      adminToken: TOKEN,
      commentFloodSeconds: 0,
      trustProxy: false,
      livePollSeconds: 3,
    },
    log: () => {},
  });
  const send = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { app, send, heard };
}

describe('live coverage over HTTP', async () => {
  const { app, send, heard } = await start();

  it('publishes entries through the API and tells readers what changed after their revision', async () => {
    const story = makeStory('storm-api', {
      related: ['story-1', 'story-2', 'story-3'],
      live: { status: 'live', startedAt: '2026-12-07T10:00:00Z' },
    });
    expect((await send('PUT', '/api/admin/stories/storm-api', story)).status).toBe(201);
    const empty = await app.request('/api/stories/storm-api/updates?since=0');
    expect(empty.status).toBe(200);
    expect(empty.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=5, stale-while-revalidate=10');
    expect(empty.headers.get('xkey')).toBe('comments:storm-api story:storm-api');
    const quiet = await empty.text();
    expect(JSON.parse(quiet)).toMatchObject({ rev: 0, changed: [], removed: [], commentCount: 0 });
    expect(quiet.length).toBeLessThan(300);

    heard.length = 0;
    const created = await send(
      'POST',
      '/api/admin/stories/storm-api/entries/landfall',
      entryBody('landfall', 'It hit'),
    );
    expect(created.status).toBe(201);
    expect((await created.json()).at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(heard).toEqual([['story:storm-api']]);
    const again = await send('POST', '/api/admin/stories/storm-api/entries/landfall', entryBody('landfall', 'x'));
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('exists');

    const after = await (await app.request('/api/stories/storm-api/updates?since=0')).json();
    expect(after.rev).toBe(1);
    expect(after.changed.map((entry: { id: string }) => entry.id)).toEqual(['landfall']);

    const edited = await send(
      'PUT',
      '/api/admin/stories/storm-api/entries/landfall',
      entryBody('landfall', 'It hit hard'),
    );
    expect(edited.status).toBe(200);
    const edit = await (await app.request('/api/stories/storm-api/updates?since=1')).json();
    expect(edit.changed[0].blocks[0].content[0].text).toBe('It hit hard');

    expect((await send('DELETE', '/api/admin/stories/storm-api/entries/landfall')).status).toBe(204);
    expect((await send('DELETE', '/api/admin/stories/storm-api/entries/landfall')).status).toBe(404);
    expect(await (await app.request('/api/stories/storm-api/updates?since=2')).json()).toMatchObject({
      rev: 3,
      removed: ['landfall'],
    });

    const ended = await send('POST', '/api/admin/stories/storm-api/end');
    expect(ended.status).toBe(200);
    expect((await ended.json()).live.status).toBe('ended');
    expect((await (await app.request('/api/stories/storm-api/updates?since=3')).json()).live.status).toBe('ended');
  });

  it('answers each mistake with its own status and message', async () => {
    const invalid = await send('PUT', '/api/admin/stories/storm-files/entries/x', { id: 'y', blocks: [] });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields).toMatchObject({ blocks: 'An entry needs at least one block' });
    // The file owns this story: the API may not add to it.
    expect((await send('PUT', '/api/admin/stories/storm-files/entries/x', entryBody('x', 'no'))).status).toBe(409);
    const notLive = await send('PUT', '/api/admin/stories/story-1/entries/x', entryBody('x', 'no'));
    expect(notLive.status).toBe(409);
    expect((await send('PUT', '/api/admin/stories/nowhere/entries/x', entryBody('x', 'no'))).status).toBe(404);
    expect((await app.request('/api/stories/story-1/updates?since=-1')).status).toBe(400);
    expect((await app.request('/api/stories/story-1/updates?since=abc')).status).toBe(400);
    expect((await app.request('/api/stories/nowhere/updates')).status).toBe(404);
    expect((await app.request('/api/stories/story-1/live')).status).toBe(404);
    expect((await app.request('/api/stories/storm-files/live?page=0')).status).toBe(400);
  });

  it('refuses entries for an API story that is not covered live, naming the field', async () => {
    await send(
      'PUT',
      '/api/admin/stories/plain-api',
      makeStory('plain-api', { related: ['story-1', 'story-2', 'story-3'] }),
    );
    const refused = await send('PUT', '/api/admin/stories/plain-api/entries/x', entryBody('x', 'no'));
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.fields.live).toMatch(/not covered live/);
  });

  it('serves a page of a file story entries with the poll interval the server sets', async () => {
    const response = await app.request('/api/stories/storm-files/live');
    expect(response.headers.get('xkey')).toBe('story:storm-files');
    const page = await response.json();
    expect(page).toMatchObject({ page: 1, pageCount: 1, pollSeconds: 3, rev: 1, pinned: null });
    expect(page.entries.map((entry: { id: string }) => entry.id)).toEqual(['first']);
    expect((await app.request('/api/stories/storm-files/live?page=2')).status).toBe(404);
  });

  it("carries a live story's newest entries in its feed item, and the feed changes with an entry", async () => {
    const story = makeStory('storm-feed', {
      related: ['story-1', 'story-2', 'story-3'],
      publishedAt: '2026-12-07T08:00:00Z',
      live: { status: 'live', startedAt: '2026-12-07T08:00:00Z' },
    });
    expect((await send('PUT', '/api/admin/stories/storm-feed', story)).status).toBe(201);
    const entry = { ...entryBody('surge', 'The surge <b>peaks</b> & recedes'), at: '2026-12-07T09:30:00Z' };
    expect(
      (await send('POST', '/api/admin/stories/storm-feed/entries/surge', { ...entry, title: 'Surge' })).status,
    ).toBe(201);
    const read = async () => {
      const response = await app.request('/feed.xml');
      const xml = await response.text();
      await xmllintCheck(xml);
      const feed = await parseFeed(xml);
      expect(feed.bozo, feed.bozoException ?? '').toBe(false);
      return { response, item: feed.entries.find((item) => item.id?.endsWith('/stories/storm-feed'))! };
    };
    const first = await read();
    // Shared caches drop the feed with the story's key, which every entry write publishes.
    expect(first.response.headers.get('xkey')?.split(' ')).toContain('story:storm-feed');
    expect(first.item.updatedParsed).toBe('2026-12-07T09:30:00Z');
    expect(first.item.content).toContain('/stories/storm-feed#entry-surge');
    expect(first.item.content).toContain('Surge (Mon, 07 Dec 2026 09:30:00 GMT)');
    expect(first.item.content).toContain('The surge &lt;b&gt;peaks&lt;/b&gt; &amp; recedes');

    const later = { ...entryBody('calm', 'Calm again'), at: '2026-12-07T10:15:00Z' };
    expect((await send('POST', '/api/admin/stories/storm-feed/entries/calm', later)).status).toBe(201);
    const second = await read();
    expect(second.item.updatedParsed).toBe('2026-12-07T10:15:00Z');
    // Newest first: the new entry above the earlier one, and the story still one item.
    const content = second.item.content!;
    expect(content.indexOf('#entry-calm')).toBeGreaterThan(-1);
    expect(content.indexOf('#entry-calm')).toBeLessThan(content.indexOf('#entry-surge'));
  });
});
