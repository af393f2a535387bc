import type { Changes } from './bus';

/**
 * Tells the cache in front of Byline (Varnish with xkey, or a CDN that purges by surrogate key) what changed:
 * for every change made on this server, one request
 *
 *     PURGE <CDN_PURGE_URL>
 *     xkey-purge: story:harbour-lights comments:harbour-lights
 *     Surrogate-Key: story:harbour-lights comments:harbour-lights
 *
 * with the change-bus keys, space-separated: the same strings the pages carry in Surrogate-Key and xkey. Changes
 * relayed from other servers are not purged again (the server that made them did). Keys published in the same
 * tick go in one request. A failed purge is logged; the page then leaves the shared cache within its s-maxage.
 *
 * Each purge is sent again `repeatAfterMs` later. A fetch the cache started just before the write can be answered
 * with the old bytes and stored just after the first purge, and would then be served until its s-maxage; the
 * second purge takes such a copy out. The bench's live part measured the window: the cache's in-flight fetches.
 */
export function purgeCdnOnChange(
  changes: Changes,
  purgeUrl: string,
  log: (message: string) => void,
  send: typeof fetch = fetch,
  repeatAfterMs = 1500,
) {
  let pending: Set<string> | undefined;
  return changes.subscribe((keys, local) => {
    if (!local) return;
    if (pending) {
      for (const key of keys) pending.add(key);
      return;
    }
    pending = new Set(keys);
    queueMicrotask(() => {
      const header = [...pending!].join(' ');
      pending = undefined;
      purge(header);
      setTimeout(() => purge(header), repeatAfterMs).unref();
    });
  });

  function purge(header: string) {
    send(purgeUrl, {
      method: 'PURGE',
      headers: { 'xkey-purge': header, 'Surrogate-Key': header },
      signal: AbortSignal.timeout(5000),
    }).then(
      async (response) => {
        await response.body?.cancel();
        if (!response.ok) log(`cdn: PURGE ${header} answered ${response.status}`);
      },
      (error: unknown) => log(`cdn: PURGE ${header} failed: ${(error as Error).message}`),
    );
  }
}
