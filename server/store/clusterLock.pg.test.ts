import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers/engine';
import { makeAuthor, relatedSet, seedContent, writeContentDir } from '../../test/helpers/content';
import { openStore, type Store } from '.';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

describe('cluster.syncOnce on PostgreSQL', () => {
  it('lets one of three servers starting at the same moment migrate and sync; the others wait and skip', async () => {
    const { databaseUrl, created } = freshDatabase();
    await created;
    const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    const sync = (store: Store) => async () => (await seedContent(store, dir)).report;
    const opened = await Promise.all([1, 2, 3].map(() => openStore({ dbPath: ':memory:', databaseUrl })));
    stores.push(...opened);
    const reports = await Promise.all(opened.map((store) => store.cluster.syncOnce(sync(store))));

    const synced = reports.filter((report) => report !== 'skipped');
    expect(synced).toEqual([expect.objectContaining({ added: 4, updated: 0, unchanged: 0, withdrawn: 0 })]);
    expect(reports.filter((report) => report === 'skipped')).toHaveLength(2);
    const db = opened[0]!.db;
    const migrations = await db
      .selectFrom('schema_migrations' as never)
      .select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'))
      .executeTakeFirstOrThrow();
    expect((migrations as { n: number }).n).toBeGreaterThan(0);
    const stories = await db
      .selectFrom('stories')
      .select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(stories.n).toBe(4);

    // Idempotent: a server that starts later takes the lock and finds nothing to change.
    expect(await opened[1]!.cluster.syncOnce(sync(opened[1]!))).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 4,
      withdrawn: 0,
    });
  });

  it('makes a later sync wait its turn and then run, so an edit the holder scanned too early still goes in', async () => {
    const { databaseUrl, created } = freshDatabase();
    await created;
    const opened = await Promise.all([1, 2].map(() => openStore({ dbPath: ':memory:', databaseUrl })));
    stores.push(...opened);
    const events: string[] = [];
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const first = opened[0]!.cluster.syncOnce(async () => {
      events.push('first starts');
      await holding;
      events.push('first ends');
      return 'first';
    });
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = opened[1]!.cluster.syncOnce(async () => (events.push('second runs'), 'second'), {
      ifTaken: 'wait',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual(['first starts']); // still waiting for the lock
    // The WordPress lock is another lock: a WordPress sync does not wait for the files.
    expect(await opened[1]!.cluster.syncOnce(async () => 'wordpress', { lock: 'wordpress' })).toBe('wordpress');
    release();
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(events).toEqual(['first starts', 'first ends', 'second runs']);
  });
});
