import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { createChanges } from './changes';
import { readConfig } from './config';
import { formatFault, readContent } from './content/read';
import { syncContentOnce } from './content/syncOnce';
import type { Readiness } from './health';
import { startClusterChannel } from './store/clusterChannel';
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

const changes = createChanges();
// Other servers' changes reach this one's caches, and this one's reach theirs.
const channel = config.databaseUrl
  ? startClusterChannel({ url: config.databaseUrl, db: store.db, changes, connectTimeoutMs: config.databaseConnectTimeoutMs })
  : undefined;
const readiness: Readiness = { contentLoaded: false, draining: false };

const content = readContent(config.contentDir);
const report = await syncContentOnce(store, content);
readiness.contentLoaded = true;
// Servers already running (a rolling deploy) cached the old content: tell them, as for any change.
if (report !== 'skipped' && report.added + report.updated + report.withdrawn > 0) changes.publish(['*']);
console.log(
  `content: ${content.stories.length} stories and ${content.authors.length} authors from ${config.contentDir} ` +
    (report === 'skipped'
      ? '(synced by another server)'
      : `(${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.withdrawn} withdrawn)`),
);
if (content.faults.length > 0) {
  console.warn(`content: refused ${content.faults.length} fault(s); the valid stories are served:`);
  for (const fault of content.faults) console.warn(`  ${formatFault(fault)}`);
}
if (process.env.BYLINE_DEV) console.log('dev: serving the API only; Vite serves the app with hot reload');
else if (!existsSync(config.distDir))
  console.warn(`app: no build in ${config.distDir}; serving the API only (run npm run build)`);
console.log(
  config.adminToken ? 'admin: moderation enabled' : 'admin: ADMIN_TOKEN is not set, so the moderation routes are off',
);

const app = createApp({ store, changes, config, readiness });
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

const drainMs = config.shutdownDrainMs;

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  // Readiness fails first, so the balancer stops sending requests here; then in-flight ones finish; then the store closes.
  readiness.draining = true;
  console.log(`${signal}: readiness fails now; finishing in-flight requests${drainMs ? ` after ${drainMs} ms` : ''}, then closing`);
  const force = setTimeout(() => {
    console.warn('shutdown: requests still open after 10 s; closing anyway');
    process.exit(1);
  }, 10_000 + drainMs);
  force.unref();
  setTimeout(() => {
    server.close(() => {
      void Promise.resolve(channel?.close())
        .then(() => store.close())
        .then(() => {
          console.log('shutdown: done');
          process.exit(0);
        });
    });
    // Idle keep-alive sockets would hold close() open; in-flight ones finish first.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  }, drainMs);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
