import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startPostgres, type RunningPostgres } from '../helpers/postgres';

describe('startPostgres: a real PostgreSQL cluster for tests', { timeout: 30_000 }, () => {
  let cluster: RunningPostgres;

  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query<T>(sql, params);
    } finally {
      await client.end();
    }
  }

  it('listens on 127.0.0.1 as the byline user, not a superuser', async () => {
    expect(cluster.url).toMatch(/^postgres:\/\/byline@127\.0\.0\.1:\d+\/byline$/);
    const { rows } = await query<{ user: string; db: string; superuser: boolean; version: string }>(
      cluster.url,
      `SELECT current_user AS user, current_database() AS db, version() AS version,
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
    );
    expect(rows[0]).toMatchObject({ user: 'byline', db: 'byline', superuser: false });
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    const settings = await query<{ name: string; setting: string }>(
      cluster.url,
      `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'listen_addresses')`,
    );
    expect(Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]))).toEqual({
      fsync: 'on',
      synchronous_commit: 'on',
      listen_addresses: '127.0.0.1',
    });
  });

  it('keeps committed data across a stop and start, and refuses connections while stopped', async () => {
    await query(cluster.url, 'CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
    await query(cluster.url, 'INSERT INTO notes (body) VALUES ($1), ($2)', ['first', 'second']);

    await cluster.pgStop();
    await expect(query(cluster.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);

    await cluster.pgStart();
    const { rows } = await query<{ body: string }>(cluster.url, 'SELECT body FROM notes ORDER BY id');
    expect(rows.map((r) => r.body)).toEqual(['first', 'second']);
  }, 60_000);

  it('pgStop cuts open connections (the "database goes away" case)', async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    client.on('error', () => {});
    await client.connect();
    await cluster.pgStop();
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => {});
    await cluster.pgStart();
    await expect(query(cluster.url, 'SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  }, 60_000);

  it('createDatabase gives a suite its own empty database on the same cluster', async () => {
    const url = await createDatabase(cluster.url, 'suite_a');
    expect(url).toBe(cluster.url.replace(/\/byline$/, '/suite_a'));
    const { rows } = await query<{ db: string; tables: string }>(
      url,
      `SELECT current_database() AS db,
              (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public') AS tables`,
    );
    expect(rows[0]).toEqual({ db: 'suite_a', tables: '0' });
    await expect(createDatabase(cluster.url, 'bad"name')).rejects.toThrow(/invalid name/);
  });
});
