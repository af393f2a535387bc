import { startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { registerServiceWorker } from '../features/offline';
import { ApiRequestError } from '../lib/api';
import type { Site } from '../schema/site';
import { createQueryClient } from './queryClient';
import { Root } from './Root';
import { createRoutes } from './routes';
import { PAGE_STATE_ID, type PageState } from './state';
import './styles.css';

const stateElement = document.getElementById(PAGE_STATE_ID);
const state = stateElement?.textContent ? (JSON.parse(stateElement.textContent) as PageState) : undefined;

const queryClient = createQueryClient();
for (const query of state?.queries ?? []) queryClient.setQueryData(query.key, query.data, { updatedAt: query.fetchedAt });
// A 404 the server already met (a missing story): the page shows it, and nothing asks the API again on mount.
for (const { key, message } of state?.missing ?? []) {
  queryClient.setQueryDefaults(key, { retryOnMount: false });
  queryClient
    .getQueryCache()
    .build(queryClient, { queryKey: key })
    .setState({ status: 'error', error: new ApiRequestError(404, 'not_found', message), fetchStatus: 'idle' });
}
const routes = createRoutes(queryClient);

const app = (site: Site) => (
  <Root
    queryClient={queryClient}
    origin={state?.origin ?? window.location.origin}
    site={site}
    form={state?.form}
    routes={routes}
    // Routes show their own skeletons rather than suspend, so a navigation has nothing to wait for in a
    // transition: rendering it at once puts the next page on screen in the frame after the click.
    router={(children) => <BrowserRouter useTransitions={false}>{children}</BrowserRouter>}
  />
);

const container = document.getElementById('root')!;
// A page the server rendered is hydrated; without server rendering (the dev server) the app renders itself,
// once it has the site's identity from the API.
// Hydrating as a transition lets React yield between small pieces of work instead of holding the main thread.
if (state) startTransition(() => void hydrateRoot(container, app(state.site)));
else
  void fetch('/api/site')
    .then((response) => response.json() as Promise<Site>)
    .then((site) => createRoot(container).render(app(site)));

registerServiceWorker();
