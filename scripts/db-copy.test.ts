import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../server/store';
import { seedContent } from '../test/helpers/content';
import { createDatabase, startPostgres, type RunningPostgres } from '../test/helpers/postgres';
import { scratchDir } from '../test/helpers/scratch';

const root = join(import.meta.dirname, '..');

/** `npm run db:copy`'s script as a child process, the way an operator runs it. */
function copy(from: string, to: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', from, to], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function comment(store: Store, slug: string, text: string, parentId: number | null = null) {
  const row = await store.db
    .insertInto('comments')
    .values({
      story_slug: slug,
      parent_id: parentId,
      depth: parentId ? 2 : 1,
      name: 'Cleo Copy',
      email: 'cleo@example.com',
      website: null,
      text,
      status: 'approved',
      ip_hash: 'hash',
      user_agent: '',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every table's rows, and the comments with their ids: what must be the same after a copy. */
async function snapshot(open: () => Promise<Store>) {
  const store = await open();
  try {
    const comments = await store.db.selectFrom('comments').select(['id', 'parent_id', 'text']).orderBy('id').execute();
    return { counts: await store.copy.counts(), comments };
  } finally {
    await store.close();
  }
}

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

describe('npm run db:copy', () => {
  it('copies SQLite into an empty PostgreSQL database and back: every table, ids kept, counts equal', async () => {
    const dir = scratchDir('copy');
    const first = join(dir, 'first.db');
    const store = await openStore({ dbPath: first });
    await seedContent(store, join(root, 'content'));
    const slug = (await store.db.selectFrom('stories').select('slug').executeTakeFirstOrThrow()).slug;
    // Ids with a gap, and a reply that must land after the comment it answers.
    const a = await comment(store, slug, 'First.');
    const gone = await comment(store, slug, 'Removed.');
    const c = await comment(store, slug, 'Third.');
    await comment(store, slug, 'A reply.', c);
    await store.db.deleteFrom('comments').where('id', '=', gone).execute();
    await store.settings.put('ip_salt', 'salt');
    await store.contentProblems.replaceAll('files', [{ item: 'stories/x.json', message: 'headline is required' }]);
    await store.close();
    const before = await snapshot(() => openStore({ dbPath: first }));
    expect(before.comments.map((row) => row.id)).toEqual([a, c, c + 1]);
    expect(before.counts.map(({ table }) => table)).toEqual(
      expect.arrayContaining(['authors', 'stories', 'story_links', 'comments', 'settings', 'content_problems']),
    );
    expect(before.counts.findIndex(({ table }) => table === 'stories')).toBeLessThan(
      before.counts.findIndex(({ table }) => table === 'comments'),
    );

    const url = await createDatabase(postgres.url, 'copy_target');
    const there = copy(first, url);
    expect(there.status, there.output).toBe(0);
    for (const { table, rows } of before.counts)
      expect(there.output).toContain(`  ${table}: ${rows} row${rows === 1 ? '' : 's'}, same in both`);
    const onPostgres = () => openStore({ dbPath: '', databaseUrl: url });
    expect(await snapshot(onPostgres)).toEqual(before);

    // The ids continue after the copied ones: a new comment does not collide.
    const pg = await onPostgres();
    try {
      expect(await comment(pg, slug, 'Written on PostgreSQL.')).toBe(c + 2);
      await pg.db
        .deleteFrom('comments')
        .where('id', '=', c + 2)
        .execute();
    } finally {
      await pg.close();
    }

    const back = join(dir, 'back.db');
    const again = copy(url, back);
    expect(again.status, again.output).toBe(0);
    expect(await snapshot(() => openStore({ dbPath: back }))).toEqual(before);
  }, 120_000);

  it('refuses a target that is not empty, and changes nothing there', async () => {
    const dir = scratchDir('copy');
    const from = join(dir, 'from.db');
    const to = join(dir, 'to.db');
    for (const path of [from, to]) {
      const store = await openStore({ dbPath: path });
      await seedContent(store, join(root, 'content'));
      await store.close();
    }
    const before = await snapshot(() => openStore({ dbPath: to }));
    const refused = copy(from, to);
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(
      /db:copy failed: SQLite at .*to\.db is not empty \(authors: \d+ rows, .*stories: \d+ rows/,
    );
    expect(refused.output).toContain('db:copy only fills an empty database');
    expect(await snapshot(() => openStore({ dbPath: to }))).toEqual(before);
    expect(copy(join(dir, 'nowhere.db'), to).output).toContain('no SQLite database at');
    expect(copy(from, '').output).toContain('usage: npm run db:copy -- <from> <to>');
  }, 60_000);
});
