import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { PreferencesProvider, type Preferences } from '../lib/preferences';
import { SiteProvider } from '../lib/site';
import type { Site } from '../schema/site';
import { App } from './App';
import type { AppRoute } from './routes';

/** Everything above the router, shared by the browser and the server renderer. */
export function Root(props: {
  queryClient: QueryClient;
  origin: string;
  site: Site;
  preferences: Preferences;
  renderedAt: number;
  routes: AppRoute[];
  router: (app: ReactNode) => ReactNode;
}) {
  return (
    <StrictMode>
      <SiteProvider origin={props.origin} renderedAt={props.renderedAt} site={props.site}>
        <PreferencesProvider initial={props.preferences}>
          <QueryClientProvider client={props.queryClient}>{props.router(<App routes={props.routes} />)}</QueryClientProvider>
        </PreferencesProvider>
      </SiteProvider>
    </StrictMode>
  );
}
