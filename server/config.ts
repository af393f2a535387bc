import { dirname, join } from 'node:path';

/** Server settings, read once from the environment with defaults that work out of the box. */
export interface Config {
  port: number;
  host: string;
  dbPath: string;
  /** postgres://… selects PostgreSQL; unset, SQLite at dbPath. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  databaseConnectTimeoutMs: number;
  databaseStatementTimeoutMs: number;
  /**
   * On SIGTERM, how long /readyz fails before the server stops taking requests (the balancer's notice). The
   * default, 10 s, outlasts the shipped Varnish probe (deploy/varnish/byline.vcl): sick after 3 failed probes
   * 2 s apart, each allowed 2 s, so at most 3 x 2 s + 2 s = 8 s after readiness fails, with 2 s to spare. A
   * balancer that probes less often needs more (its interval x failures to mark down + its timeout). Set it to
   * 0 for a server nothing balances to.
   */
  shutdownDrainMs: number;
  contentDir: string;
  /** How often the content folder is scanned in full, in case a file event was missed (0: never). */
  contentRescanSeconds: number;
  distDir: string;
  adminToken: string | undefined;
  commentFloodSeconds: number;
  /** A comment with more web addresses than this waits for a moderator, as WordPress's comment_max_links. */
  commentMaxLinks: number;
  /** Where the "comments wait" email goes (comma-separated addresses); unset, no email. */
  moderationEmailTo: string[];
  /** The SMTP server that email goes through (smtp://host:port, smtps://user:pass@host). */
  smtpUrl: string | undefined;
  /** At most one "comments wait" email per this many minutes, across the cluster. */
  moderationEmailEveryMinutes: number;
  /** Form posts (comment, preferences) one client address may send a minute; past it, 429 (0: no limit). */
  formRatePerMinute: number;
  /** Pages not in the page cache one client address may have rendered a minute; past it, 429 (0: no limit). */
  renderRatePerMinute: number;
  /**
   * Searches not in the answer cache one client address may have looked up a minute through /api/search; past it,
   * 429 (0: no limit). A cold search is the most a single request can make the database do.
   */
  searchRatePerMinute: number;
  /** Wrong admin tokens one address may send a minute before it is refused with 429 unread. */
  adminFailuresPerMinute: number;
  /** Most bytes each per-address rate-limit table holds (forms, admin failures). */
  rateTableBytes: number;
  /** Behind a load balancer: take the client IP from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * The origin readers use (https://news.example): every absolute URL (canonical, feeds, sitemaps, JSON-LD)
   * starts with it. Unset, the server's own http://HOST:PORT (server/http/origin.ts); never the request's Host.
   */
  publicOrigin: string | undefined;
  /** Most bytes the rendered-page cache keeps in memory (each page's HTML, gzip and brotli copies). */
  pageCacheBytes: number;
  /** Most bytes the API answer cache keeps (each answer's JSON, its compressed copies and its key). */
  apiCacheBytes: number;
  /** Most bytes the feed and sitemap cache keeps (feeds, sitemaps, robots.txt, manifest, icons). */
  feedCacheBytes: number;
  /** Where to send `PURGE` with the changed keys (Varnish xkey, Fastly-style surrogate keys); unset, no purges. */
  cdnPurgeUrl: string | undefined;
  /** WordPress as a source: the site whose public REST API Byline reads, and how often. */
  wordpressUrl: string | undefined;
  wordpressSyncSeconds: number;
  /** Seconds between two full passes over WordPress (removed posts and comments, comments approved late). */
  wordpressFullPassSeconds: number;
  /** Seconds between a reader's page's asks for a live story's updates (tests set it low). */
  livePollSeconds: number;
  /**
   * Server-sent events for live stories (LIVE_EVENTS=1), for deployments whose proxies allow long-lived
   * connections; off, pages poll the cached update answer (the default: it costs the origin least).
   */
  liveEvents: boolean;
  /** Event streams one server holds open at most; past it, pages poll (LIVE_EVENTS_MAX). */
  liveEventsMax: number;
  /** Event streams one client address holds open at most; past it, that address's pages poll (LIVE_EVENTS_PER_ADDRESS). */
  liveEventsPerAddress: number;
  /** An editor's application password, for previews of drafts. */
  wordpressAppUser: string | undefined;
  wordpressAppPassword: string | undefined;
  /** Read scheduled posts with the application password, so each goes live in Byline at its time. */
  wordpressReadScheduled: boolean;
  /**
   * Whether WordPress's media may be fetched for resizing over plain http and at an internal address (a WordPress
   * on the newsroom's own network); off, WORDPRESS_URL's origin is held to every rule of an image origin.
   */
  wordpressMediaInternal: boolean;
  /** Shared with the WordPress plugin that signs preview links. */
  previewSecret: string | undefined;
  /** Where resized image variants are kept (server/images), and the most bytes they may take there. */
  imageCacheDir: string;
  imageCacheBytes: number;
  /** Image transforms run at once (each on one of sharp's threads). */
  imageTransforms: number;
}

/** Resized images on disk: a year of a small newsroom's photos at every width and format. */
export const DEFAULT_IMAGE_CACHE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_PAGE_CACHE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_API_CACHE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_FEED_CACHE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_FORM_RATE_PER_MINUTE = 30;
export const DEFAULT_RENDER_RATE_PER_MINUTE = 120;
/** A reader typing pauses a few times a minute; a script asking for new searches does not. */
export const DEFAULT_SEARCH_RATE_PER_MINUTE = 60;
export const DEFAULT_ADMIN_FAILURES_PER_MINUTE = 10;
export const DEFAULT_RATE_TABLE_BYTES = 2 * 1024 * 1024;
/** See Config.shutdownDrainMs: longer than the shipped Varnish probe takes to mark a server down. */
export const DEFAULT_SHUTDOWN_DRAIN_MS = 10_000;

/** WordPress's comment_max_links default. */
export const DEFAULT_COMMENT_MAX_LINKS = 2;

export const DEFAULT_LIVE_POLL_SECONDS = 12;
export const DEFAULT_LIVE_EVENTS_MAX = 2000;
/** A household's or an office's readers share an address: room for a few, not for a whole server's worth. */
export const DEFAULT_LIVE_EVENTS_PER_ADDRESS = 20;
/** A token a guesser cannot reach: 32 characters, such as `openssl rand -hex 16` gives. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** The admin token, refused at start when short enough to guess. */
export function adminToken(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (it has ${raw.length}); ` +
        'make one with: openssl rand -hex 32',
    );
  }
  return raw;
}

function integer(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function emailList(name: string, env: NodeJS.ProcessEnv): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  const wrong = list.find((address) => !/^[^\s@<>,]+@[^\s@<>,]+$/.test(address));
  if (wrong) throw new Error(`${name} must be email addresses separated by commas; "${wrong}" is not one`);
  return list;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const url = new URL(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('SMTP_URL must start with smtp:// or smtps:// (for example smtp://127.0.0.1:25)');
  return url.href;
}

function databaseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw))
    throw new Error('DATABASE_URL must start with postgres:// (unset, Byline uses SQLite)');
  return raw;
}

function wordpressUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('WORDPRESS_URL must be an http(s) address');
  return url.href.replace(/\/+$/, '');
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer('PORT', 3000, env),
    host: env.HOST || '127.0.0.1',
    dbPath: env.DB_PATH || './data/byline.db',
    databaseUrl: databaseUrl(env.DATABASE_URL),
    databasePoolMax: integer('DATABASE_POOL_MAX', 10, env),
    databaseConnectTimeoutMs: integer('DATABASE_CONNECT_TIMEOUT_MS', 5000, env),
    databaseStatementTimeoutMs: integer('DATABASE_STATEMENT_TIMEOUT_MS', 10_000, env),
    shutdownDrainMs: integer('SHUTDOWN_DRAIN_MS', DEFAULT_SHUTDOWN_DRAIN_MS, env),
    contentDir: env.CONTENT_DIR || './content',
    contentRescanSeconds: integer('CONTENT_RESCAN_SECONDS', 60, env),
    distDir: env.DIST_DIR || './dist',
    adminToken: adminToken(env.ADMIN_TOKEN),
    commentFloodSeconds: integer('COMMENT_FLOOD_SECONDS', 15, env),
    commentMaxLinks: integer('COMMENT_MAX_LINKS', DEFAULT_COMMENT_MAX_LINKS, env),
    moderationEmailTo: emailList('MODERATION_EMAIL_TO', env),
    smtpUrl: smtpUrl(env.SMTP_URL),
    moderationEmailEveryMinutes: Math.max(1, integer('MODERATION_EMAIL_EVERY_MINUTES', 15, env)),
    formRatePerMinute: integer('FORM_RATE_PER_MINUTE', DEFAULT_FORM_RATE_PER_MINUTE, env),
    renderRatePerMinute: integer('RENDER_RATE_PER_MINUTE', DEFAULT_RENDER_RATE_PER_MINUTE, env),
    searchRatePerMinute: integer('SEARCH_RATE_PER_MINUTE', DEFAULT_SEARCH_RATE_PER_MINUTE, env),
    adminFailuresPerMinute: Math.max(1, integer('ADMIN_FAILURES_PER_MINUTE', DEFAULT_ADMIN_FAILURES_PER_MINUTE, env)),
    rateTableBytes: integer('RATE_TABLE_BYTES', DEFAULT_RATE_TABLE_BYTES, env),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    publicOrigin: env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).origin : undefined,
    pageCacheBytes: integer('PAGE_CACHE_BYTES', DEFAULT_PAGE_CACHE_BYTES, env),
    apiCacheBytes: integer('API_CACHE_BYTES', DEFAULT_API_CACHE_BYTES, env),
    feedCacheBytes: integer('FEED_CACHE_BYTES', DEFAULT_FEED_CACHE_BYTES, env),
    cdnPurgeUrl: env.CDN_PURGE_URL ? new URL(env.CDN_PURGE_URL).href : undefined,
    wordpressUrl: wordpressUrl(env.WORDPRESS_URL),
    wordpressSyncSeconds: Math.max(1, integer('WORDPRESS_SYNC_SECONDS', 60, env)),
    wordpressFullPassSeconds: Math.max(1, integer('WORDPRESS_FULL_PASS_SECONDS', 600, env)),
    livePollSeconds: Math.max(1, integer('LIVE_POLL_SECONDS', DEFAULT_LIVE_POLL_SECONDS, env)),
    liveEvents: env.LIVE_EVENTS === '1' || env.LIVE_EVENTS === 'true',
    liveEventsMax: Math.max(1, integer('LIVE_EVENTS_MAX', DEFAULT_LIVE_EVENTS_MAX, env)),
    liveEventsPerAddress: Math.max(1, integer('LIVE_EVENTS_PER_ADDRESS', DEFAULT_LIVE_EVENTS_PER_ADDRESS, env)),
    wordpressAppUser: env.WORDPRESS_APP_USER || undefined,
    wordpressAppPassword: env.WORDPRESS_APP_PASSWORD || undefined,
    wordpressReadScheduled: env.WORDPRESS_READ_SCHEDULED === '1' || env.WORDPRESS_READ_SCHEDULED === 'true',
    wordpressMediaInternal: env.WORDPRESS_MEDIA_INTERNAL === '1' || env.WORDPRESS_MEDIA_INTERNAL === 'true',
    previewSecret: env.PREVIEW_SECRET || undefined,
    imageCacheDir: env.IMAGE_CACHE_DIR || join(dirname(env.DB_PATH || './data/byline.db'), 'images'),
    imageCacheBytes: integer('IMAGE_CACHE_BYTES', DEFAULT_IMAGE_CACHE_BYTES, env),
    imageTransforms: Math.max(1, integer('IMAGE_TRANSFORMS', 1, env)),
  };
}
