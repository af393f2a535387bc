import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { createChanges } from './changes';
import { createImages } from './images';
import { readConfig } from './config';
import { formatFault } from './content';
import { watchContent } from './sources';
import { recordFileProblems } from './contentProblems';
import { startPresence } from './presence';
import type { Readiness } from './health';
import { originWarning, trustedOrigin } from './http';
import { readSite } from './site';
import { startWordPressSource } from './sources';
import { loadSiteIcons } from './distribution';
import { openStore } from './store';
import { closeWhenBodyUnread } from './http';
import { startScheduler } from './scheduling';
import { createLiveEvents } from './live';

const config = readConfig();
// The site's identity is read first: a site.json with a fault stops the start, before anything is served.
const siteResult = readSite(config.contentDir);
if (!siteResult.site) {
  console.error('site: content/site.json is invalid; fix it and start again:');
  for (const fault of siteResult.faults) console.error(`  ${formatFault(fault)}`);
  process.exit(1);
}
const site = siteResult.site;
// Icons made from site.json's image are made now: a file that is not an image stops the start, as a fault would.
const { icons, faults: iconFaults } = await loadSiteIcons(site, config.contentDir);
if (iconFaults.length > 0) {
  console.error('site: content/site.json is invalid; fix it and start again:');
  for (const fault of iconFaults) console.error(`  ${formatFault(fault)}`);
  process.exit(1);
}
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
  searchLanguage: site.language,
});
console.log(`database: ${store.describe()}`);
// This server's row in the store, so `npm run restore` knows the database is in use.
const presence = await startPresence(store);

// One bus for every writer and cache: content sync, the publishing API, the answer cache.
const changes = createChanges();
// Other servers' changes reach this one's caches, and this one's reach theirs.
const channel = store.cluster.startChannel({ changes, connectTimeoutMs: config.databaseConnectTimeoutMs });
const readiness: Readiness = { contentLoaded: false, draining: false };
// Stories dated ahead go live on this server's clock: its caches and the CDN hear when each comes due.
const scheduler = startScheduler({ schedule: store.schedule, changes });

const contentRepository = store.content(changes);
const images = createImages({
  contentDir: config.contentDir,
  distDir: config.distDir,
  cacheDir: config.imageCacheDir,
  cacheBytes: config.imageCacheBytes,
  transforms: config.imageTransforms,
  // WordPress's own media library is an origin its posts' images may be fetched from.
  imageOrigins: [...site.imageOrigins, ...(config.wordpressUrl ? [new URL(config.wordpressUrl).origin] : [])],
  // A WordPress on the newsroom's own network (http, an internal address), when the operator says so.
  trustedOrigins: config.wordpressUrl && config.wordpressMediaInternal ? [new URL(config.wordpressUrl).origin] : [],
});
// Loads the files now, then serves their edits as they happen.
const contentWatcher = watchContent({
  contentDir: config.contentDir,
  repository: contentRepository,
  rescanMs: config.contentRescanSeconds * 1000,
  images: images.enricher,
  // Servers starting together: one syncs the files, the others wait for it and skip. Later syncs take turns.
  exclusive: (run, ifTaken) => store.cluster.syncOnce(run, { ifTaken }),
  // What each sync refused, for the admins' Content view on every server.
  onFaults: recordFileProblems(store),
});
await contentWatcher.sync();
readiness.contentLoaded = true;
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
      fullPassSeconds: config.wordpressFullPassSeconds,
      exclusive: (run) => store.cluster.syncOnce(run, { lock: 'wordpress', ifTaken: 'wait' }),
      store,
      content: contentRepository,
      changes,
      auth:
        config.wordpressAppUser && config.wordpressAppPassword
          ? { user: config.wordpressAppUser, password: config.wordpressAppPassword }
          : undefined,
      readScheduled: config.wordpressReadScheduled,
      log: (line) => console.log(line),
      images: images.enricher,
    })
  : undefined;
if (wordpress) console.log(`wordpress: reading ${config.wordpressUrl} every ${config.wordpressSyncSeconds} s`);

const previewSecret = config.previewSecret;
const originNotice = originWarning(config);
if (originNotice) console.warn(originNotice);
// PORT=0 picks a free port: the origin names it once the server listens.
let listeningPort = config.port;
// Live stories' event streams, where the deployment allows long-lived connections; pages poll otherwise.
const liveEvents = config.liveEvents
  ? createLiveEvents({
      live: store.live,
      changes,
      pollSeconds: config.livePollSeconds,
      maxConnections: config.liveEventsMax,
      maxPerAddress: config.liveEventsPerAddress,
    })
  : undefined;
if (liveEvents) {
  console.log(
    `live: event streams on, at most ${config.liveEventsMax} open (LIVE_EVENTS_MAX), ` +
      `${config.liveEventsPerAddress} per address (LIVE_EVENTS_PER_ADDRESS)`,
  );
}
const app = createApp({
  origin: () => trustedOrigin({ ...config, port: listeningPort }),
  store,
  changes,
  site,
  icons,
  config,
  readiness,
  images: images.service,
  liveEvents,
  wordpress: wordpress && {
    permalinks: wordpress.permalinks,
    preview: previewSecret && wordpress.canPreview ? { client: wordpress.client, secret: previewSecret } : undefined,
  },
});
if (wordpress && !(previewSecret && wordpress.canPreview)) {
  console.log('wordpress: previews are off (they need PREVIEW_SECRET, WORDPRESS_APP_USER and WORDPRESS_APP_PASSWORD)');
}
const server = serve({ fetch: closeWhenBodyUnread(app.fetch), port: config.port, hostname: config.host }, (info) => {
  listeningPort = info.port;
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
let drainTimer: NodeJS.Timeout | undefined;
let closeNow: (() => void) | undefined;
function shutdown(signal: string) {
  if (closing) {
    // A second signal (Ctrl-C again at a terminal) does not wait for the balancer's notice.
    if (drainTimer) {
      clearTimeout(drainTimer);
      drainTimer = undefined;
      console.log(`${signal} again: closing without waiting for the drain`);
      closeNow?.();
    }
    return;
  }
  closing = true;
  // Readiness fails first, so the balancer stops sending requests here; then in-flight ones finish; then the store closes.
  readiness.draining = true;
  // Streams would hold the server open to the end of the drain: they end now, and their pages poll.
  liveEvents?.close();
  console.log(
    `${signal}: readiness fails now; finishing in-flight requests${drainMs ? ` after ${drainMs} ms (SHUTDOWN_DRAIN_MS; send it again to skip)` : ''}, then closing`,
  );
  const force = setTimeout(() => {
    console.warn('shutdown: requests still open after 10 s; closing anyway');
    process.exit(1);
  }, 10_000 + drainMs);
  force.unref();
  contentWatcher.close();
  wordpress?.stop();
  const left = presence.stop();
  scheduler.stop();
  closeNow = () => {
    drainTimer = undefined;
    server.close(() => {
      void Promise.all([channel?.close(), left])
        .then(() => store.close())
        .then(() => {
          console.log('shutdown: done');
          process.exit(0);
        });
    });
    // Idle keep-alive sockets would hold close() open; in-flight ones finish first.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  drainTimer = setTimeout(closeNow, drainMs);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
