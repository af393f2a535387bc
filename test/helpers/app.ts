import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import type { Config } from '../../server/config';
import { readContent } from '../../server/content/read';
import { syncContent } from '../../server/content/sync';
import { openDatabase } from '../../server/db';

const root = join(import.meta.dirname, '..', '..');

/** The real Hono app on a real SQLite file in a temp folder, loaded from a content folder (the demo one by default). */
export function createTestApp(options: { contentDir?: string; config?: Partial<Config> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'byline-api-'));
  const db = openDatabase(join(dir, 'test.db'));
  const content = readContent(options.contentDir ?? join(root, 'content'));
  syncContent(db, content);
  const logs: string[] = [];
  const app = createApp({
    db,
    config: {
      distDir: join(dir, 'no-dist'),
      adminToken: undefined,
      commentFloodSeconds: 15,
      trustProxy: false,
      ...options.config,
    },
    log: (message) => logs.push(message),
  });
  return { app, db, content, logs };
}
