import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../../test/helpers/engine';
import { createChanges } from '../../changes';
import type { Store } from '../../store';
import { FakeWordPress } from '../../../test/doubles/wordpress/fakeWordPress';
import { startWordPressSource, type WordPressSource } from './source';
import { startTestServer, type TestServer } from '../../../test/doubles/wordpress/testServer';

let store: Store;
let server: TestServer;
const sources: WordPressSource[] = [];
afterEach(async () => {
  for (const source of sources.splice(0)) source.stop();
  await server?.close();
  await store?.close();
});

/** A server's WordPress source on the shared store: what main.ts starts, minus the cluster lock (one process). */
function start(lines: string[], fullPassSeconds = 600) {
  const changes = createChanges();
  const source = startWordPressSource({
    url: server.baseUrl,
    syncSeconds: 3600,
    fullPassSeconds,
    store,
    content: store.content(changes),
    changes,
    log: (line) => lines.push(line),
  });
  sources.push(source);
  return source;
}

describe('the WordPress source', () => {
  it('carries on from the saved state after a restart: changes only, until the full pass is due', async () => {
    store = await openTestStore();
    const wordpress = new FakeWordPress();
    server = await startTestServer((url) => wordpress.reply(url));
    const lines: string[] = [];
    const first = await start(lines).first;
    expect(first).toMatchObject({ full: true, added: 6 });
    expect(first.failed).toBeUndefined();
    sources.pop()!.stop();
    const restarted = await start(lines).first;
    expect(restarted).toMatchObject({ full: false, added: 0, requests: 3 });
    expect(lines.at(-1)).toMatch(
      /^wordpress: synced \S+ \(changes only; 0 added, .* 0 removed; 3 requests in \d+ ms\)$/,
    );
    sources.pop()!.stop();
    // A full pass due at once: the next start reads every post and every comment again.
    expect(await start(lines, 0).first).toMatchObject({ full: true, added: 0, requests: 3 });
    expect(lines.at(-1)).toMatch(/^wordpress: synced \S+ \(full pass; /);
  });

  it('reads every post again, once, after an upgrade that converts more of them (tags)', async () => {
    store = await openTestStore();
    const wordpress = new FakeWordPress();
    server = await startTestServer((url) => wordpress.reply(url));
    const lines: string[] = [];
    await start(lines).first;
    sources.pop()!.stop();
    // As a server before tags left it: its state has no conversion, and its stories no tags.
    const key = `wordpress_sync ${server.baseUrl}`;
    const { conversion: _conversion, ...older } = JSON.parse((await store.settings.get(key))!) as Record<
      string,
      unknown
    >;
    await store.settings.put(key, JSON.stringify(older));
    await store.db.deleteFrom('story_tags').execute();
    await store.db.updateTable('stories').set({ content_hash: 'before-tags' }).execute();
    expect(await store.tags.ofStory('breakwater-lamps-relit')).toEqual([]);
    expect(await start(lines).first).toMatchObject({ full: true, updated: 6 });
    expect(await store.tags.ofStory('breakwater-lamps-relit')).toEqual([
      { slug: 'lamps', name: 'lamps' },
      { slug: 'volunteers', name: 'volunteers' },
    ]);
    sources.pop()!.stop();
    // Read once: the next start takes changes only again, and there are none.
    expect(await start(lines).first).toMatchObject({ full: false, updated: 0, unchanged: 0 });
  });

  it('lets a server skip its turn when another synced a moment ago', async () => {
    store = await openTestStore();
    const wordpress = new FakeWordPress();
    server = await startTestServer((url) => wordpress.reply(url));
    const lines: string[] = [];
    const one = start(lines);
    await one.first;
    const other = start(lines);
    expect(await other.first).toMatchObject({ requests: 3 }); // a server's first sync always runs
    const asked = server.seen.length;
    const skipped = await one.sync();
    expect(skipped).toMatchObject({ added: 0, requests: 0 });
    expect(skipped.failed).toBeUndefined();
    expect(server.seen.length).toBe(asked);
    expect(lines.at(-1)).toBe(`wordpress: another server synced ${server.baseUrl} a moment ago; servers take turns`);
  });
});
