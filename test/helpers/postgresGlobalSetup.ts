import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';
import './engine';

/**
 * One real PostgreSQL cluster for a vitest project's whole run; each suite makes its own database on it
 * (test/helpers/engine.ts freshDatabase). Every test app keeps a small pool open until the run ends, so the
 * cluster allows more connections than the default 100.
 */
export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: postgres.url.replace('byline@', 'postgres@') });
  await admin.connect();
  await admin.query('ALTER SYSTEM SET max_connections = 1000');
  await admin.end();
  await postgres.pgStop();
  await postgres.pgStart();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
