export { OfflineBanner } from './OfflineBanner';

let starting: Promise<void> | undefined;

/**
 * Loads the service-worker code (worker.ts, on demand: the first visit does not need it) and starts it, once. A
 * reader who saves a story calls this at once, so the story is copied for offline reading straight away.
 */
export function startServiceWorkerNow() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  starting ??= import('./worker').then(
    (worker) => worker.startServiceWorker(),
    // Should the code not load (offline on a first visit), the next call, or the next page load, tries again.
    () => void (starting = undefined),
  );
}

/**
 * Call once, after the app has hydrated: starts the service worker a few seconds after the app has started
 * (which is itself after the page has loaded: src/app/boot.ts), so its start (and, once a story is saved, its
 * first copies) does not compete with the page's own lazily loaded code.
 */
export function registerServiceWorker() {
  setTimeout(startServiceWorkerNow, 3000);
}
