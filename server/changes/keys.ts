import { createHash } from 'node:crypto';
import { sectionSlug, type Story, type StorySummary } from '../../src/schema';

/**
 * A change-bus key (server/changes/bus.ts lists what each names). Branded so that only this module makes one:
 * the bus, the page cache, the API answer cache and the CDN purge take nothing else, and an answer tagged here
 * is purged by the same string a change publishes.
 */
declare const changeKeyBrand: unique symbol;
export type ChangeKey = string & { readonly [changeKeyBrand]: true };

const key = (text: string) => text as ChangeKey;
/** A key for one thing of a kind: `<kind>:<id>`, the one spelling readChangeKey and keyTarget read back. */
const byId = (kind: string) => (id: string) => key(`${kind}:${id}`);

export const changeKey = {
  story: byId('story'),
  comments: byId('comments'),
  author: byId('author'),
  section: byId('section'),
  /** A standing page (/pages/<slug>, /api/pages/<slug>). */
  page: byId('page'),
  /** A tag's page, API answer and feed: a story gaining or losing it, or one carrying it published or withdrawn. */
  tag: byId('tag'),
  /** Every variant of one image source (its src as content writes it, hashed: a URL holds characters a tag cannot). */
  image: (src: string) => key(`image:${createHash('sha256').update(src).digest('hex').slice(0, 16)}`),
  /** The lists of newest stories: every story's publication, change or withdrawal names it. */
  front: key('front'),
  /**
   * The names of the sections with a published story (the header's list on every page): published only when that
   * list changes (server/stories/sectionNames.ts), so a page's header never ties it to every publication.
   */
  sections: key('sections'),
  /** Search results: every story's publication, change or withdrawal, and every author's rename, names it. */
  search: key('search'),
  /** The list of standing pages (the sitemap): every page's publication or withdrawal names it. */
  pages: key('pages'),
  /** Anything at all: never a surrogate key, only a change. */
  any: key('*'),
} as const;

type KindWithId = {
  [K in keyof typeof changeKey]: (typeof changeKey)[K] extends string ? never : K;
}[keyof typeof changeKey];
const KINDS = Object.keys(changeKey).filter(
  (name) => typeof changeKey[name as keyof typeof changeKey] === 'function',
) as KindWithId[];

/** What a key names, for the few listeners that act on one kind (server/imageOrigins.ts re-reads one story). */
export type KeyTarget = { kind: KindWithId; id: string } | { kind: 'front' } | { kind: 'any' };

export function keyTarget(changed: ChangeKey): KeyTarget {
  if (changed === changeKey.front) return { kind: 'front' };
  if (changed === changeKey.any) return { kind: 'any' };
  const colon = changed.indexOf(':');
  const kind = KINDS.find((name) => name === changed.slice(0, colon));
  // Only this module makes keys, so an unknown spelling cannot occur; read as "anything" it would be safe.
  return kind ? { kind, id: changed.slice(colon + 1) } : { kind: 'any' };
}

/**
 * A key that came from outside this process (another server's NOTIFY payload, an answer's header): accepted
 * only in a spelling this module makes; anything else is dropped by the caller.
 */
export function readChangeKey(text: string): ChangeKey | undefined {
  if (text === changeKey.front || text === changeKey.any) return key(text);
  // The other keys without an id (`search`, `pages`) travel between servers and in answers' headers too.
  if (Object.values(changeKey).some((known) => known === text)) return key(text);
  const colon = text.indexOf(':');
  return colon > 0 && colon < text.length - 1 && KINDS.some((name) => name === text.slice(0, colon))
    ? key(text)
    : undefined;
}

/** A story as it appears in a list: its own data, its comment count and its author's name. */
const summaryKeys = (story: StorySummary) => [
  changeKey.story(story.slug),
  changeKey.comments(story.slug),
  changeKey.author(story.author.id),
];

/**
 * The keys of what an answer shows: whatever change would alter it names one of them. Routes declare their
 * answers' keys with these (server/stories/routes.ts, server/comments/routes.ts), and a page takes the keys of
 * the answers it was rendered from.
 */
export const shownKeys = {
  summaries: (stories: readonly StorySummary[]) => stories.flatMap(summaryKeys),
  story: (story: Story) => [
    changeKey.story(story.slug),
    changeKey.comments(story.slug),
    changeKey.author(story.author.id),
    changeKey.section(sectionSlug(story.section)),
    ...story.related.flatMap(summaryKeys),
    // A rail Byline filled with the site's newest stories changes with any publication.
    ...(story.relatedPicked === 'site' ? [changeKey.front] : []),
  ],
};

const SURROGATE_KEY = 'Surrogate-Key';

/**
 * The surrogate-key headers for an answer built from what these keys name: Fastly reads Surrogate-Key, Varnish's
 * xkey module xkey, Cloudflare Cache-Tag (commas). `*` is left out: it is a change, not a tag.
 */
export function surrogateKeyHeaders(keys: Iterable<ChangeKey>): Record<string, string> {
  const tags = [...new Set(keys)].filter((tag) => tag !== changeKey.any).sort();
  if (tags.length === 0) return {};
  return { [SURROGATE_KEY]: tags.join(' '), xkey: tags.join(' '), 'Cache-Tag': tags.join(',') };
}

/**
 * The keys an answer of this server carries (surrogateKeyHeaders), read back by the page renderer from the API
 * answers a render used; an answer without them may show anything, so it counts as `*`.
 */
export function answerKeys(headers: Headers): ChangeKey[] {
  const tags = headers.get(SURROGATE_KEY);
  if (!tags) return [changeKey.any];
  return tags.split(' ').flatMap((tag) => readChangeKey(tag) ?? []);
}
