import type { SocialLink, SocialNetwork } from '../schema/content';

/** Networks whose profile address names a handle people quote as "@name": the path's first segment. */
const handleNetworks: ReadonlySet<SocialNetwork> = new Set(['x', 'threads', 'instagram', 'youtube', 'tiktok', 'github']);

/**
 * The "@handle" a reader would recognise, where the network has handles: x.com/ada or tiktok.com/@ada give
 * "@ada"; a Mastodon address gives "@ada@host"; a Bluesky profile gives "@ada.bsky.social".
 */
export function socialHandle({ network, url }: SocialLink): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const segments = parsed.pathname.split('/').filter(Boolean);
  const clean = (name: string | undefined) => {
    const bare = decodeURIComponent(name ?? '').replace(/^@/, '');
    return /^[\w.-]{1,100}$/.test(bare) ? bare : undefined;
  };
  if (network === 'mastodon') {
    const user = segments[0]?.startsWith('@') ? clean(segments[0]) : undefined;
    return user && `@${user}@${parsed.hostname}`;
  }
  if (network === 'bluesky') {
    const user = segments[0] === 'profile' ? clean(segments[1]) : undefined;
    return user && `@${user}`;
  }
  if (!handleNetworks.has(network)) return undefined;
  // youtube.com/@name is a handle; youtube.com/channel/UC… is not one.
  if (network === 'youtube' && !segments[0]?.startsWith('@')) return undefined;
  const user = clean(segments[0]);
  return user && `@${user}`;
}
