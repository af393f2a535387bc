import { SAVED_KEY, savedSlugs } from '../saved/list';

/** Tells the service worker (public/sw.js) which stories are saved; it copies new ones and drops the rest. */
const sync = () =>
  void navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: 'sync', slugs: savedSlugs() }),
  );

/**
 * Registers the service worker and keeps it told of the saved list: now (copies missed earlier, say a story saved
 * offline, are made) and on every change, in this tab or another. Loaded on demand by registerServiceWorker
 * (index.ts) a few seconds after the page has loaded; it imports nothing that uses React.
 */
export function startServiceWorker() {
  navigator.serviceWorker.register('/sw.js').then(sync, () => undefined);
  addEventListener('storage', (event) => {
    const { key } = event as Partial<StorageEvent>;
    // This tab's own changes come as a plain Event without a key; other tabs' name theirs.
    if (!key || key === SAVED_KEY) sync();
  });
}
