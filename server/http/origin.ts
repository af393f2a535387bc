import type { Config } from '../config';

/** Addresses that mean "this machine" or "every interface": neither is a name a reader could use. */
const LOCAL_HOSTS = /^(localhost|127(\.\d{1,3}){3}|::1?|0\.0\.0\.0|::ffff:127(\.\d{1,3}){3})?$/i;

/**
 * The one origin every absolute URL Byline writes (canonical and og: links, feeds, sitemaps, robots.txt,
 * JSON-LD, share links) starts with: PUBLIC_ORIGIN when set; otherwise the server's own address from its
 * settings. Never the request's Host header: pages and feeds are cached and shared, so a request naming another
 * host would otherwise decide what every later reader gets.
 */
export function trustedOrigin({ publicOrigin, host, port }: Pick<Config, 'publicOrigin' | 'host' | 'port'>): string {
  if (publicOrigin) return new URL(publicOrigin).origin;
  const bare = host.replace(/^\[|\]$/g, '');
  const name = LOCAL_HOSTS.test(bare) ? 'localhost' : bare.includes(':') ? `[${bare}]` : bare;
  return new URL(`http://${name}:${port}`).origin;
}

/** Said once at start: a production server without PUBLIC_ORIGIN links to its own internal address. */
export function originWarning(config: Pick<Config, 'publicOrigin' | 'host' | 'port'>, env = process.env) {
  if (config.publicOrigin || env.NODE_ENV !== 'production') return undefined;
  return (
    `origin: PUBLIC_ORIGIN is not set, so canonical links, feeds and sitemaps name ${trustedOrigin(config)}; ` +
    'set it to the address readers use (https://news.example)'
  );
}
