import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../test/helpers/postgres';
import { createChanges, type Changes } from '../changes';
import { startClusterChannel, type ClusterChannel } from './clusterChannel';
import { openStore, type Store } from '.';
import { changeKey } from '../changes';

let postgres: RunningPostgres;
const stores: Store[] = [];
const channels: ClusterChannel[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await Promise.all(channels.map((channel) => channel.close()));
  await Promise.all(stores.map((store) => store.close()));
  await postgres?.stop();
});

/** One server's bus, store and channel, recording what its listeners hear. */
async function server(logs: string[] = []) {
  const store = await openStore({ dbPath: ':memory:', databaseUrl: postgres.url });
  stores.push(store);
  const changes: Changes = createChanges();
  const heard: string[][] = [];
  changes.subscribe((keys) => heard.push([...keys]));
  const channel = startClusterChannel({ url: postgres.url, db: store.db, changes, log: (m) => logs.push(m) });
  channels.push(channel);
  await channel.ready;
  return { changes, heard, channel };
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the cluster channel', () => {
  it('tells the other servers of a change within a second, and not the server that made it again', async () => {
    const a = await server();
    const b = await server();
    const c = await server();
    const started = Date.now();
    a.changes.publish([changeKey.comments('harbour-lights'), changeKey.front]);
    await until(() => b.heard.length > 0 && c.heard.length > 0, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(b.heard).toEqual([[changeKey.comments('harbour-lights'), changeKey.front]]);
    expect(c.heard).toEqual([[changeKey.comments('harbour-lights'), changeKey.front]]);
    // Received, not published: the others do not send it on again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.heard).toEqual([[changeKey.comments('harbour-lights'), changeKey.front]]);
    expect(b.heard).toHaveLength(1);
  });

  it('carries a change naming more keys than one notification holds', async () => {
    const a = await server();
    const b = await server();
    const keys = Array.from({ length: 800 }, (_, i) => changeKey.story(`a-rather-long-story-slug-number-${i}`));
    a.changes.publish(keys);
    await until(() => b.heard.flat().length >= keys.length);
    // Batches travel on separate pooled connections: all arrive, in any order.
    expect(b.heard.flat().sort()).toEqual([...keys].sort());
    expect(b.heard.length).toBeGreaterThan(1);
  });

  it('reconnects by itself after the database restarts, and then tells its caches to drop everything', async () => {
    const logs: string[] = [];
    const a = await server();
    const b = await server(logs);
    await postgres.pgStop();
    await postgres.pgStart();
    await until(() => b.heard.some((keys) => keys.includes(changeKey.any)), 15_000);
    expect(logs.join('\n')).toMatch(/lost the change channel/);
    // The pool reconnects too: a change made after the restart reaches the other server again.
    const before = b.heard.length;
    a.changes.publish([changeKey.story('after-restart')]);
    await until(() => b.heard.length > before, 5000);
    expect(b.heard.at(-1)).toEqual([changeKey.story('after-restart')]);
  }, 30_000);
});
