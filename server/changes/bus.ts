/**
 * What changed in published data, told to every cache that keeps something built from it: the API answers,
 * the rendered pages, the CDN in front. Keys name what changed, with the same strings the pages carry as
 * surrogate keys, so a cache can drop exactly what shows it:
 * - `story:<slug>`    a story's own data (its page, its summary wherever it is listed)
 * - `comments:<slug>` the approved comments of a story (its page, its comment count in lists)
 * - `author:<id>`     an author's data
 * - `section:<slug>`  a section's list
 * - `tag:<slug>`      a tag's list (its page, API answer and feed)
 * - `front`           the lists of newest stories (front page, feeds, sitemaps)
 * - `search`          search results (any story published, changed or withdrawn)
 * - `page:<slug>`     a standing page (/pages/<slug>)
 * - `pages`           the list of standing pages (the sitemap): any page published or withdrawn
 * - `*`               anything (the cluster channel was cut and may have missed changes): drop everything
 *
 * server/changes/keys.ts spells them, and gives the headers that tag an answer with them for shared caches: pages,
 * API JSON, feeds and sitemaps all carry their keys, so server/changes/cdnPurge.ts purges each answer a change alters.
 *
 * On several servers, a cluster channel (PostgreSQL LISTEN/NOTIFY) relays each change to the others' buses.
 */
import type { ChangeKey } from './keys';

/** `local`: the change was made on this server (true) or relayed from another (false). */
export type ChangeListener = (keys: readonly ChangeKey[], local: boolean) => void;

export interface Changes {
  /** Moves on every change: the simplest caches drop everything when it moves. */
  readonly version: number;
  /** A change made here: told to this server's listeners and relayed to the other servers. */
  publish(keys: readonly ChangeKey[]): void;
  /** A change another server made: told to this server's listeners only. */
  receive(keys: readonly ChangeKey[]): void;
  subscribe(listener: ChangeListener): () => void;
  /** Where changes made here go beyond this server (the cluster channel); at most one relay. */
  relayTo(relay: ChangeListener): void;
}

export function createChanges(): Changes {
  let version = 0;
  let relay: ChangeListener | undefined;
  const listeners = new Set<ChangeListener>();
  const tell = (keys: readonly ChangeKey[], local: boolean) => {
    version++;
    for (const listener of listeners) listener(keys, local);
  };
  return {
    get version() {
      return version;
    },
    publish(keys) {
      if (keys.length === 0) return;
      tell(keys, true);
      relay?.(keys, true);
    },
    receive(keys) {
      if (keys.length > 0) tell(keys, false);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    relayTo(next) {
      relay = next;
    },
  };
}
