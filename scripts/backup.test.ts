import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../server/store';
import { contentFiles, seedContent } from '../test/helpers/content';
import { createDatabase, startPostgres, type RunningPostgres } from '../test/helpers/postgres';
import { scratchDir } from '../test/helpers/scratch';

const root = join(import.meta.dirname, '..');
const contentDir = join(root, 'content');
const content = contentFiles(contentDir);

/** Runs `npm run backup`/`restore`'s script as a child process, the way an operator does. */
function run(script: 'backup' | 'restore', file: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function addComment(store: Store, text: string) {
  await store.db
    .insertInto('comments')
    .values({
      story_slug: content.stories[0]!.slug,
      parent_id: null,
      depth: 1,
      name: 'Rae Restore',
      email: 'rae@example.com',
      website: null,
      text,
      status: 'approved',
      ip_hash: 'hash',
      user_agent: '',
      created_at: new Date().toISOString(),
    })
    .execute();
}

const texts = async (store: Store) =>
  (await store.db.selectFrom('comments').select('text').orderBy('id').execute()).map((row) => row.text);

/** Backs up, writes more, restores: the database is as it was at the backup, stories and all. */
async function roundTrip(env: Record<string, string>, open: () => Promise<Store>) {
  const dir = scratchDir('backup');
  const file = join(dir, 'byline.backup');
  let store = await open();
  await seedContent(store, contentDir);
  await addComment(store, 'Kept by the backup.');
  const backup = run('backup', file, env);
  expect(backup.status, backup.output).toBe(0);
  expect(backup.output).toMatch(/^backup: .* written to .*byline\.backup \(\d+ bytes\)/m);

  await addComment(store, 'Written after the backup.');
  await store.db.deleteFrom('comments').where('text', '=', 'Kept by the backup.').execute();
  expect(await texts(store)).toEqual(['Written after the backup.']);
  await store.close();

  const restore = run('restore', file, env);
  expect(restore.status, restore.output).toBe(0);
  store = await open();
  try {
    expect(await texts(store)).toEqual(['Kept by the backup.']);
    const stories = await store.db.selectFrom('stories').select('slug').execute();
    expect(stories).toHaveLength(content.stories.length);
  } finally {
    await store.close();
  }
  return file;
}

describe('npm run backup and npm run restore', () => {
  it('round-trip a SQLite database', async () => {
    const dbPath = join(scratchDir('sqlite'), 'byline.db');
    await roundTrip({ DB_PATH: dbPath }, () => openStore({ dbPath }));
  }, 60_000);

  describe('on PostgreSQL', () => {
    let postgres: RunningPostgres;
    beforeAll(async () => {
      postgres = await startPostgres();
    }, 60_000);
    afterAll(() => postgres?.stop());

    it('round-trip a database with pg_dump and pg_restore, and refuse a backup of the other engine', async () => {
      const url = await createDatabase(postgres.url, 'round_trip');
      const file = await roundTrip({ DATABASE_URL: url }, () => openStore({ dbPath: ':memory:', databaseUrl: url }));

      const sqliteFile = join(scratchDir('sqlite'), 'other.db');
      const sqliteStore = await openStore({ dbPath: sqliteFile });
      await sqliteStore.close();
      const wrong = run('restore', sqliteFile, { DATABASE_URL: url });
      expect(wrong.status).toBe(1);
      expect(wrong.output).toContain('is a SQLite backup, but the settings choose PostgreSQL (DATABASE_URL)');
      const intoSqlite = run('restore', file, { DB_PATH: sqliteFile });
      expect(intoSqlite.status).toBe(1);
      expect(intoSqlite.output).toContain('is a PostgreSQL backup, but the settings choose SQLite');
    }, 60_000);
  });

  it('say clearly what is wrong with a missing or foreign file, and write nothing', () => {
    const dir = scratchDir('backup');
    const env = { DB_PATH: join(dir, 'byline.db') };
    expect(run('restore', join(dir, 'nope.backup'), env)).toMatchObject({
      status: 1,
      output: expect.stringContaining('no backup file at'),
    });
    writeFileSync(join(dir, 'notes.txt'), 'just some words');
    expect(run('restore', join(dir, 'notes.txt'), env).output).toContain('is not a Byline backup');
    expect(run('backup', join(dir, 'out.backup'), env).output).toContain('no SQLite database at');
    expect(existsSync(join(dir, 'out.backup'))).toBe(false);
    expect(existsSync(join(dir, 'out.backup.partial'))).toBe(false);
    expect(run('backup', '', env).output).toContain('usage: npm run backup -- <file>');
  }, 60_000);
});
