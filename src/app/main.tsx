import { hydrate } from '@tanstack/react-query';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { parsePreferences } from '../lib/preferences';
import { createQueryClient } from './queryClient';
import { Root } from './Root';
import { createRoutes } from './routes';
import { PAGE_STATE_ID, type PageState } from './state';
import './styles.css';

const stateElement = document.getElementById(PAGE_STATE_ID);
const state = stateElement?.textContent ? (JSON.parse(stateElement.textContent) as PageState) : undefined;

const queryClient = createQueryClient();
if (state) hydrate(queryClient, state.queries);
const routes = createRoutes(queryClient);

const app = (
  <Root
    queryClient={queryClient}
    origin={state?.origin ?? window.location.origin}
    preferences={state?.preferences ?? parsePreferences(document.cookie)}
    renderedAt={state?.renderedAt ?? Date.now()}
    routes={routes}
    router={(children) => <BrowserRouter>{children}</BrowserRouter>}
  />
);

const container = document.getElementById('root')!;
// A page the server rendered is hydrated; without server rendering (the dev server) the app renders itself.
if (state) hydrateRoot(container, app);
else createRoot(container).render(app);
