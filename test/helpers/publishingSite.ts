import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createApp } from '../../server/app';
import type { Changes } from '../../server/changes';
import type { Store } from '../../server/store';
import { openTestStore } from './engine';

/**
 * An empty site behind the publishing API: no content files, nothing in the database, the real app on the run's
 * engine. `send` calls the API as the operator; close `store` after the test.
 */
export async function emptyPublishingSite(token: string, changes?: Changes) {
  const store: Store = await openTestStore();
  const app = createApp({
    store,
    changes,
    config: { distDir: join(tmpdir(), 'no-dist'), adminToken: token, commentFloodSeconds: 0, trustProxy: false },
    log: () => {},
  });
  const send = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { store, app, send };
}
