import { useEffect } from 'react';
import { matchRoutes, useLocation, useRoutes } from 'react-router';
import type { AppRoute, RouteHandle } from './routes';

/** Runs the loaders of every route that matches a path; resolves when their data is in the cache. */
export function prefetchRoutes(routes: AppRoute[], pathname: string, search = '') {
  const matches = matchRoutes(routes, pathname) ?? [];
  const params = new URLSearchParams(search);
  return Promise.all(
    matches.map((match) => (match.route.handle as RouteHandle | undefined)?.prefetch?.(match.params, params)),
  );
}

/** True when no real page matches the path, only the catch-all. */
export const isUnknownPath = (routes: AppRoute[], pathname: string) =>
  (matchRoutes(routes, pathname) ?? []).at(-1)?.route.path === '*';

/** The app below the router: renders the matching route and starts its data as soon as the URL changes. */
export function App({ routes }: { routes: AppRoute[] }) {
  const { pathname, search } = useLocation();
  useEffect(() => {
    // From here on links navigate in place; browser tests and the benchmark wait for this before they click.
    document.documentElement.dataset.app = 'ready';
  }, []);
  useEffect(() => {
    // After the next frame: the page clicked to is painted from what is cached (or as its skeleton) first, and
    // starting its fetches (its comments') is not part of that frame's work. A page's own queries start when it
    // mounts anyway; this only starts what it shows further down at the same time. A hidden tab paints no frame.
    let afterFrame: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      cancelAnimationFrame(frame);
      clearTimeout(afterFrame);
      clearTimeout(fallback);
    };
    const start = () => {
      stop();
      void prefetchRoutes(routes, pathname, search);
    };
    const frame = requestAnimationFrame(() => (afterFrame = setTimeout(start)));
    const fallback = setTimeout(start, 100);
    return stop;
  }, [routes, pathname, search]);
  return useRoutes(routes);
}
