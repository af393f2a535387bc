export { OfflineBanner } from './OfflineBanner';

/**
 * Call once, after the app has hydrated. In production builds, where the browser has service workers, loads the
 * service-worker code (worker.ts, on demand: the first visit does not need it) a few seconds after the page has
 * loaded, and starts it. The wait keeps the worker's start (and, once a story is saved, its first copies) from
 * competing with the page's own lazily loaded code, which the page needs before it is interactive. The app itself
 * starts after the load event (src/app/boot.ts), so that is the usual case; the dev server's app starts before.
 */
export function registerServiceWorker() {
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    // Should the code not load (offline on a first visit), the next page load tries again.
    const start = () =>
      void import('./worker').then(
        (worker) => worker.startServiceWorker(),
        () => undefined,
      );
    const later = () => setTimeout(start, 3000);
    if (document.readyState === 'complete') later();
    else addEventListener('load', later, { once: true });
  }
}
