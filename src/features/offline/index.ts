export { OfflineBanner } from './OfflineBanner';

/**
 * Call once, after the app has hydrated. In production builds, where the browser has service workers, loads the
 * service-worker code (worker.ts, on demand: the first visit does not need it) a few seconds after the app has
 * started (which is itself after the page has loaded: src/app/boot.ts), and starts it. The wait keeps the
 * worker's start (and, once a story is saved, its first copies) from competing with the page's own lazily
 * loaded code.
 */
export function registerServiceWorker() {
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    // Should the code not load (offline on a first visit), the next page load tries again.
    setTimeout(
      () =>
        void import('./worker').then(
          (worker) => worker.startServiceWorker(),
          () => undefined,
        ),
      3000,
    );
  }
}
