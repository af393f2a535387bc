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
import './imageTones.css';

/**
 * A fresh task. Start-up is split into a few, so no one task holds the main thread long enough to delay a tap:
 * the modules' evaluation, reading the page's data and the first slice of hydration were one task of about 38 ms
 * here, about 150 ms in Lighthouse's 4× slower phone.
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const container = document.getElementById('root')!;
const stateElement = document.getElementById(PAGE_STATE_ID);
const queryClient = createQueryClient();

async function start() {
  await nextTask();
  const state = stateElement?.textContent ? (JSON.parse(stateElement.textContent) as PageState) : undefined;
  // The page may come from the page cache, rendered minutes ago: its data is still what the server has (a change
  // drops the page), so it counts as fetched now. With the render's own time, every query of an older page was
  // stale on arrival and fetched again at start: a 200-comment thread rendered twice during hydration.
  const arrivedAt = Date.now();
  for (const query of state?.queries ?? []) queryClient.setQueryData(query.key, query.data, { updatedAt: arrivedAt });
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
  await nextTask();
  // A page the server rendered is hydrated; without server rendering (the dev server, or the plain shell the
  // server sends when rendering fails) the app renders itself, named by the shell's <title>: the site's name.
  // Hydrating as a transition lets React yield between small pieces of work instead of holding the main thread.
  if (state) startTransition(() => void hydrateRoot(container, app(state.site)));
  else createRoot(container).render(app({ name: document.title } as Site));
  registerServiceWorker();
}

void start();
