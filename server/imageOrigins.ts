import type { Site } from '../src/schema/site';
import type { Changes } from './changes';
import { keyTarget, type ChangeKey } from './changes';
import { authorImageOrigins, originOf } from './content';
import type { Store } from './store';

/**
 * The origins the CSP's img-src must allow: those of every image the published stories and authors use, the
 * site's logo, and the site's own `imageOrigins`. Read in full once, then kept current from the change bus:
 * a `story:<slug>` or `author:<id>` change re-reads just that item (on every server of a cluster, since the
 * bus relays), so a newly published story's CDN images are allowed with its first page view.
 */
export function createImageOrigins(images: Store['images'], changes: Changes, site: Site) {
  const fixed = [...site.imageOrigins, ...(site.logo ? [originOf(site.logo.src) ?? []].flat() : [])];
  const byStory = new Map<string, string[]>();
  const byAuthor = new Map<string, string[]>();
  let loaded = false;
  let pending = new Set<ChangeKey>();
  let sources = '';
  let refreshing: Promise<void> | undefined;

  const authorOrigins = async (id: string) => {
    const author = await images.author(id);
    return author ? authorImageOrigins(author) : undefined;
  };
  const put = (map: Map<string, string[]>, key: string, origins: string[] | undefined) => {
    if (origins && origins.length > 0) map.set(key, origins);
    else map.delete(key);
  };

  let computed = 0;

  async function readAll() {
    const stories = await images.storiesWithOrigins();
    const authors = await images.authors();
    // Both read before either map changes: a read that fails leaves the last complete list in place.
    byStory.clear();
    byAuthor.clear();
    for (const story of stories) put(byStory, story.slug, story.origins);
    for (const author of authors) put(byAuthor, author.id, authorImageOrigins(author));
  }

  async function refresh() {
    if (!loaded) {
      pending = new Set();
      await readAll();
      loaded = true;
    } else {
      const keys = [...pending];
      pending = new Set();
      for (const key of keys) {
        const target = keyTarget(key);
        if (target.kind === 'story') put(byStory, target.id, await images.storyOrigins(target.id));
        else if (target.kind === 'author') put(byAuthor, target.id, await authorOrigins(target.id));
      }
    }
    const all = new Set([...fixed, ...[...byStory.values()].flat(), ...[...byAuthor.values()].flat()]);
    sources = [...all].sort().join(' ');
    computed++;
  }

  changes.subscribe((keys) => {
    for (const key of keys) {
      const { kind } = keyTarget(key);
      if (kind === 'any')
        loaded = false; // the cluster channel had a gap: read everything again
      else if (kind === 'story' || kind === 'author') pending.add(key);
    }
  });

  return {
    /** Brings the list up to date when content changed since the last call; cheap when nothing did. */
    async current(): Promise<string> {
      try {
        while (!loaded || pending.size > 0) {
          refreshing ??= refresh().finally(() => (refreshing = undefined));
          await refreshing;
        }
      } catch (error) {
        // The database is away: pages and answers served from caches still need their CSP, so the last list
        // stands, and everything is read again once the database answers.
        if (computed === 0) throw error;
        loaded = false;
      }
      return sources;
    },
    /** The list as last computed, for the CSP header (which is built synchronously). */
    get sources() {
      return sources;
    },
  };
}

export type ImageOrigins = ReturnType<typeof createImageOrigins>;
