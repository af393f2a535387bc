import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { createChanges } from './changes';
import { readConfig } from './config';
import { createContentRepository } from './content/repository';
import { formatFault } from './content/read';
import { watchContent } from './content/watch';
import { readSite } from './site';
import { openStore } from './store/open';

const config = readConfig();
// The site's identity is read first: a site.json with a fault stops the start, before anything is served.
const siteResult = readSite(config.contentDir);
if (!siteResult.site) {
  console.error('site: content/site.json is invalid; fix it and start again:');
  for (const fault of siteResult.faults) console.error(`  ${formatFault(fault)}`);
  process.exit(1);
}
const site = siteResult.site;
console.log(
  siteResult.missing
    ? `site: no site.json in ${config.contentDir}; the site is called "${site.name}" until one is added`
    : `site: ${site.name} (${site.language})`,
);
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

const app = createApp({ store, changes, site, config });
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
