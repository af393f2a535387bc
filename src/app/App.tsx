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
    void prefetchRoutes(routes, pathname, search);
  }, [routes, pathname, search]);
  return useRoutes(routes);
}
