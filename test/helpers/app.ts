import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import type { Changes } from '../../server/changes';
import type { Config } from '../../server/config';
import { readContent } from '../../server/content/read';
import { syncContent } from '../../server/content/sync';
import { createStore, migrate } from '../../server/store/open';

const root = join(import.meta.dirname, '..', '..');

/**
 * The real Hono app on a real SQLite file in a temp folder (or the PostgreSQL database at TEST_DATABASE_URL
 * style `databaseUrl`), loaded from a content folder (the demo one by default). It is returned at once, so a
 * suite can build it in `describe`; `ready` settles once the schema and content are in, and every request waits
 * for it.
 */
export function createTestApp(
  options: {
    contentDir?: string;
    config?: Partial<Config>;
    databaseUrl?: string;
    /** The change bus, to publish changes as content updates will (server/changes.ts). */
    changes?: Changes;
    /** Told of each page render (pages need `config.distDir` pointing at a build). */
    onRender?: (url: string) => void;
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'byline-api-'));
  const dbPath = join(dir, 'test.db');
  const store = createStore({ dbPath, databaseUrl: options.databaseUrl });
  const content = readContent(options.contentDir ?? join(root, 'content'));
  const logs: string[] = [];
  const inner = createApp({
    store,
    config: {
      distDir: join(dir, 'no-dist'),
      adminToken: undefined,
      commentFloodSeconds: 15,
      trustProxy: false,
      ...options.config,
    },
    log: (message) => logs.push(message),
    changes: options.changes,
    onRender: options.onRender,
  });
  const ready = migrate(store).then(() => syncContent(store.db, content));
  const app = {
    request: async (...args: Parameters<typeof inner.request>) => {
      await ready;
      return inner.request(...args);
    },
  };
  return { app, db: store.db, store, dbPath, ready, content, logs };
}
