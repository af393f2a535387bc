import type { SocialLink } from './content';

/** Networks whose profile address (one path segment) is the handle people quote as "@name". */
const HANDLES = ['x', 'threads', 'instagram', 'youtube', 'tiktok', 'github'];

/**
 * The "@handle" a reader would recognise, where the network has handles: x.com/ada or tiktok.com/@ada give
 * "@ada"; a Mastodon address gives "@ada@host"; a Bluesky profile gives "@ada.bsky.social". The server works
 * it out (authors' links in the API, the site's X account for twitter:site), so the app carries none of this.
 */
export function socialHandle({ network, url }: SocialLink): string | undefined {
  const [, host, profile, at, name] = /^https?:\/\/([^/]+)\/(profile\/)?(@?)([\w.-]+)\/?$/.exec(url) ?? [];
  if (!name) return undefined;
  if (network === 'mastodon') return at ? `@${name}@${host}` : undefined;
  if (network === 'bluesky') return profile ? `@${name}` : undefined;
  // youtube.com/@name is a handle; youtube.com/c/name is not one.
  return HANDLES.includes(network) && !profile && (at || network !== 'youtube') ? `@${name}` : undefined;
}
