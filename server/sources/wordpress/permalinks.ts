/**
 * Old WordPress addresses answer with Byline's: /<slug>/, /YYYY/MM/DD/<slug>/, /YYYY/MM/<slug>/ and /?p=<id>
 * (also /index.php?p=<id>) lead to /stories/<slug>. Only slugs of stories that came from WordPress match, so
 * Byline's own routes and unknown paths are left alone (the caller answers them as before).
 */

export interface PermalinkLookup {
  /** The story slug for a WordPress post id, if that post was synced. */
  slugForPostId(id: number): string | undefined;
  /** The story slug a WordPress post slug became (usually itself), if that post was synced. */
  storyForSlug(slug: string): string | undefined;
}

const DATED = /^\/\d{4}\/\d{2}(?:\/\d{2})?\/([^/]+)\/?$/;
const PLAIN = /^\/([^/]+)\/?$/;

/** Where an old link should go (a path for a 301), or undefined when it is not an old WordPress link. */
export function permalinkTarget(pathAndQuery: string, lookup: PermalinkLookup): string | undefined {
  let url: URL;
  try {
    url = new URL(pathAndQuery, 'http://byline.invalid');
  } catch {
    return undefined;
  }
  const story = (slug: string | undefined) => (slug ? `/stories/${slug}` : undefined);

  if (url.pathname === '/' || url.pathname === '/index.php') {
    const id = url.searchParams.get('p');
    return id && /^\d+$/.test(id) ? story(lookup.slugForPostId(Number(id))) : undefined;
  }
  const match = DATED.exec(url.pathname) ?? PLAIN.exec(url.pathname);
  if (!match?.[1]) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return undefined;
  }
  return story(lookup.storyForSlug(slug));
}
