import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { createChanges } from './changes';
import { readConfig } from './config';
import { createContentRepository } from './content/repository';
import { watchContent } from './content/watch';
import { startWordPressSource } from './sources/wordpress/source';
import { openStore } from './store/open';

const config = readConfig();
const store = await openStore({
  databaseUrl: config.databaseUrl,
  dbPath: config.dbPath,
  poolMax: config.databasePoolMax,
  connectTimeoutMs: config.databaseConnectTimeoutMs,
  statementTimeoutMs: config.databaseStatementTimeoutMs,
});
console.log(`database: ${store.engine === 'postgres' ? 'PostgreSQL' : `SQLite at ${config.dbPath}`}`);

// One bus for every writer and cache: content sync, the publishing API, the answer cache.
const changes = createChanges();
const contentRepository = createContentRepository(store.db, changes);
// Loads the files now, then serves their edits as they happen.
const contentWatcher = watchContent({
  contentDir: config.contentDir,
  repository: contentRepository,
  rescanMs: config.contentRescanSeconds * 1000,
});
await contentWatcher.sync();
if (process.env.BYLINE_DEV) console.log('dev: serving the API only; Vite serves the app with hot reload');
else if (!existsSync(config.distDir))
  console.warn(`app: no build in ${config.distDir}; serving the API only (run npm run build)`);
console.log(
  config.adminToken ? 'admin: moderation enabled' : 'admin: ADMIN_TOKEN is not set, so the moderation routes are off',
);

// WordPress syncs beside the server: readers get what is stored while a first sync of a large site runs.
const wordpress = config.wordpressUrl
  ? startWordPressSource({
      url: config.wordpressUrl,
      syncSeconds: config.wordpressSyncSeconds,
      db: store.db,
      content: contentRepository,
      changes,
      auth:
        config.wordpressAppUser && config.wordpressAppPassword
          ? { user: config.wordpressAppUser, password: config.wordpressAppPassword }
          : undefined,
      log: (line) => console.log(line),
    })
  : undefined;
if (wordpress) console.log(`wordpress: reading ${config.wordpressUrl} every ${config.wordpressSyncSeconds} s`);

const app = createApp({ store, changes, config, wordpress });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const host = info.address.includes(':') ? `[${info.address}]` : info.address;
  console.log(`Byline is serving at http://${host}:${info.port}/`);
});

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `error: ${config.host}:${config.port} is already in use; stop the other server or set PORT to a free port`
      : `error: could not listen on ${config.host}:${config.port}: ${error.message}`,
  );
  void store.close().finally(() => process.exit(1));
});

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: finishing in-flight requests, then closing`);
  const force = setTimeout(() => {
    console.warn('shutdown: requests still open after 10 s; closing anyway');
    process.exit(1);
  }, 10_000);
  force.unref();
  contentWatcher.close();
  wordpress?.stop();
  server.close(() => {
    void store.close().then(() => {
      console.log('shutdown: done');
      process.exit(0);
    });
  });
  // Idle keep-alive sockets would hold close() open; in-flight ones finish first.
  (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
