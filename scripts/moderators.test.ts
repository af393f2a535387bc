import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../server/moderators';
import { openStore } from '../server/store';
import { scratchDir } from '../test/helpers/scratch';

const root = join(import.meta.dirname, '..');

/** `npm run moderators -- …` as an operator runs it, on a SQLite file of its own. */
function run(dbPath: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/moderators.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DB_PATH: dbPath },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run moderators', () => {
  it('adds (token printed once, only its hash stored), lists, rotates and removes', async () => {
    const dbPath = join(scratchDir('moderators'), 'byline.db');
    const added = run(dbPath, 'add', 'alice');
    expect(added.status).toBe(0);
    const token = added.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const listed = run(dbPath, 'list');
    expect(listed.stdout).toMatch(/^alice\tadded \d{4}-\d\d-\d\dT/);
    expect(listed.stdout).not.toContain(token);

    const rotated = run(dbPath, 'rotate', 'alice');
    const newToken = rotated.stdout.trim().split('\n').at(-1)!;
    expect(newToken).not.toBe(token);
    const store = await openStore({ dbPath });
    try {
      expect(await store.moderation.moderators.byTokenHash(hashToken(newToken))).toMatchObject({ name: 'alice' });
      expect(await store.moderation.moderators.byTokenHash(hashToken(token))).toBeUndefined();
    } finally {
      await store.close();
    }

    expect(run(dbPath, 'add', 'alice')).toMatchObject({ status: 1, stderr: expect.stringContaining('already') });
    expect(run(dbPath, 'remove', 'alice').status).toBe(0);
    expect(run(dbPath, 'list').stdout).toContain('no named moderators');
    expect(run(dbPath, 'remove', 'alice')).toMatchObject({
      status: 1,
      stderr: 'moderators: no moderator named "alice"\n',
    });
    expect(run(dbPath, 'add')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('usage: npm run moderators'),
    });
  }, 60_000);
});
