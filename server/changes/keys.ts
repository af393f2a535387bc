import { createHash } from 'node:crypto';

/**
 * The spelling of every change-bus key (server/changes/bus.ts lists what each means) and the headers that carry
 * them to shared caches, in one place: an answer tagged here is purged by the same string a change publishes.
 */
export const changeKey = {
  story: (slug: string) => `story:${slug}`,
  comments: (slug: string) => `comments:${slug}`,
  author: (id: string) => `author:${id}`,
  section: (slug: string) => `section:${slug}`,
  /** Every variant of one image source (its src as content writes it, hashed: a URL holds characters a tag cannot). */
  image: (src: string) => `image:${createHash('sha256').update(src).digest('hex').slice(0, 16)}`,
  /** The lists of newest stories: every story's publication, change or withdrawal names it. */
  front: 'front',
  /** Anything at all: never a surrogate key, only a change. */
  any: '*',
} as const;

/**
 * The surrogate-key headers for an answer built from what these keys name: Fastly reads Surrogate-Key, Varnish's
 * xkey module xkey, Cloudflare Cache-Tag (commas). `*` is left out: it is a change, not a tag.
 */
export function surrogateKeyHeaders(keys: Iterable<string>): Record<string, string> {
  const tags = [...new Set(keys)].filter((key) => key !== changeKey.any).sort();
  if (tags.length === 0) return {};
  return { 'Surrogate-Key': tags.join(' '), xkey: tags.join(' '), 'Cache-Tag': tags.join(',') };
}
