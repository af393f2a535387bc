import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../server/store';
import { startServer, type RunningServer } from '../test/helpers/server';
import { scratchDir } from '../test/helpers/scratch';

const root = join(import.meta.dirname, '..');
let server: RunningServer | undefined;
afterAll(() => server?.stop());

function restore(file: string, dbPath: string, ...flags: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/restore.ts', file, ...flags], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DB_PATH: dbPath },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run restore while a server uses the database', () => {
  it('is refused, naming the server and --force; once the server has stopped it goes ahead', async () => {
    const backup = join(scratchDir('restore'), 'empty.backup');
    await (await openStore({ dbPath: backup })).close();
    server = await startServer();

    const refused = restore(backup, server.dbPath);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain(`restore failed: SQLite at ${server.dbPath} is in use by 1 running server:`);
    expect(refused.output).toContain(`pid `);
    expect(refused.output).toContain(`or run npm run restore -- ${backup} --force to go ahead anyway`);
    // Still serving: nothing was touched.
    expect((await fetch(`${server.url}/api/stories?limit=1`)).status).toBe(200);

    // A server that stops removes its row: the restore goes ahead.
    expect(await server.pause()).toBe(0);
    const done = restore(backup, server.dbPath);
    expect(done.status, done.output).toBe(0);
    expect(done.output).toContain(`restore: ${backup} restored into SQLite at ${server.dbPath}`);
  }, 120_000);
});
