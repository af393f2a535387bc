import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { ApiRequestError, setApiTransport } from '../lib/api';
import { jsonForScript } from '../lib/json';
import { preloadAll } from '../lib/loadable';
import { isUnknownPath, prefetchRoutes } from './App';
import { createQueryClient } from './queryClient';
import { Root } from './Root';
import { createRoutes } from './routes';
import { PAGE_STATE_ID, type PageState } from './state';
import type { RenderedPage, RenderOptions } from '../schema/render';

const HOISTED = /^(?:<title>[^<]*<\/title>|<meta [^>]*\/>|<link [^>]*\/>)+/;

/** Renders one page with its data, the way the browser will hydrate it. */
export async function render({ url, origin, site, api, form }: RenderOptions): Promise<RenderedPage> {
  setApiTransport(api);
  const location = new URL(url, origin);
  const queryClient = createQueryClient({ server: true });
  const routes = createRoutes(queryClient);
  await Promise.all([prefetchRoutes(routes, location.pathname, location.search), preloadAll()]);

  // Nothing suspends (data and code are loaded above), so one synchronous render gives the complete page,
  // with no streamed parts and so no inline script to reveal them (which the CSP would refuse).
  const markup = renderToString(
    <Root
      queryClient={queryClient}
      origin={origin}
      site={site}
      form={form}
      routes={routes}
      router={(children) => <StaticRouter location={location.pathname + location.search}>{children}</StaticRouter>}
    />,
  );
  // React puts the hoistable head tags first; they belong in <head>.
  const head = HOISTED.exec(markup)?.[0] ?? '';
  const html = markup.slice(head.length);

  const missing = queryClient
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.error instanceof ApiRequestError && query.state.error.status === 404)
    .map((query) => ({ key: query.queryKey, message: (query.state.error as ApiRequestError).message }));
  const status = missing.length > 0 || isUnknownPath(routes, location.pathname) ? 404 : 200;

  const queries = queryClient
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.status === 'success')
    .map((query) => ({ key: query.queryKey, data: query.state.data, fetchedAt: query.state.dataUpdatedAt }));
  const state: PageState = {
    origin,
    site,
    queries,
    ...(missing.length > 0 ? { missing } : {}),
    ...(form ? { form } : {}),
  };
  const data = [queries.map((query) => [query.key, query.data]), missing];
  queryClient.clear();
  return {
    status,
    head,
    html,
    fingerprint: head + html + JSON.stringify(data),
    state: `<script type="application/json" id="${PAGE_STATE_ID}">${jsonForScript(state)}</script>`,
  };
}
