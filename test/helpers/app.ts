import { join } from 'node:path';
import { createApp } from '../../server/app';
import type { Changes } from '../../server/changes';
import type { Config } from '../../server/config';
import { readSite } from '../../server/site';
import { createStore } from '../../server/store';
import { contentFiles, seedContent } from './content';
import { freshDatabase } from './engine';
import { scratchDir } from './scratch';

const root = join(import.meta.dirname, '..', '..');

/**
 * The real Hono app on a real SQLite file in a temp folder, or on a fresh database of the run's PostgreSQL
 * cluster in the `unit-pg` project (test/helpers/engine.ts), or on the PostgreSQL `databaseUrl` given; loaded
 * from a content folder (the demo one by default). It is returned at once, so a suite can build it in
 * `describe`; `ready` settles once the schema and content are in, and every request waits for it.
 */
export function createTestApp(
  options: {
    contentDir?: string;
    config?: Partial<Config>;
    databaseUrl?: string;
    /** The change bus, to publish changes as content updates will (server/changes/bus.ts). */
    changes?: Changes;
    /** Told of each page render (pages need `config.distDir` pointing at a build). */
    onRender?: (url: string) => void;
  } = {},
) {
  const dir = scratchDir('api');
  const dbPath = join(dir, 'test.db');
  const fresh = options.databaseUrl
    ? { databaseUrl: options.databaseUrl, created: Promise.resolve() }
    : freshDatabase();
  const databaseUrl = fresh.databaseUrl;
  const store = createStore({ dbPath, databaseUrl, poolMax: 4 });
  const contentDir = options.contentDir ?? join(root, 'content');
  const content = contentFiles(contentDir);
  const site = readSite(contentDir).site;
  const logs: string[] = [];
  const inner = createApp({
    store,
    site,
    config: {
      distDir: join(dir, 'no-dist'),
      adminToken: undefined,
      commentFloodSeconds: 15,
      trustProxy: false,
      // The origin app.request gives a relative path: absolute links name it, as a server's PUBLIC_ORIGIN.
      publicOrigin: 'http://localhost',
      ...options.config,
    },
    log: (message) => logs.push(message),
    changes: options.changes,
    onRender: options.onRender,
  });
  const ready = fresh.created.then(() => store.migrate()).then(() => seedContent(store, contentDir));
  const app = {
    request: async (...args: Parameters<typeof inner.request>) => {
      await ready;
      return inner.request(...args);
    },
  };
  return { app, db: store.db, store, dbPath, databaseUrl, ready, content, logs };
}
