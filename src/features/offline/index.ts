export { OfflineBanner } from './OfflineBanner';

/**
 * Call once, after the app has hydrated. In production builds, where the browser has service workers, loads the
 * service-worker code (worker.ts, on demand: the first visit does not need it) a few seconds after the page has
 * loaded, and starts it. The wait keeps the worker's start (and, once a story is saved, its first copies) from
 * competing with the page's own lazily loaded code, which the page needs before it is interactive. main.tsx runs
 * before the load event (module scripts run once the document is parsed), so the listener always fires.
 */
export function registerServiceWorker() {
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    // Should the code not load (offline on a first visit), the next page load tries again.
    const start = () =>
      void import('./worker').then(
        (worker) => worker.startServiceWorker(),
        () => undefined,
      );
    addEventListener('load', () => setTimeout(start, 3000), { once: true });
  }
}
