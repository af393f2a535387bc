import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { CommentFormResult } from '../features/comments';
import { PreferencesProvider } from '../lib/preferences';
import type { FormState } from '../schema/render';
import { SiteProvider } from '../lib/site';
import type { Site } from '../schema/site';
import { App } from './App';
import type { AppRoute } from './routes';

/** Everything above the router, shared by the browser and the server renderer. */
export function Root(props: {
  queryClient: QueryClient;
  origin: string;
  site: Site;
  /** A no-JavaScript form's outcome, shown on the page that answers it. */
  form?: FormState;
  routes: AppRoute[];
  router: (app: ReactNode) => ReactNode;
}) {
  return (
    <StrictMode>
      <SiteProvider origin={props.origin} site={props.site}>
        <PreferencesProvider>
          <CommentFormResult.Provider value={props.form?.comment}>
            <QueryClientProvider client={props.queryClient}>{props.router(<App routes={props.routes} />)}</QueryClientProvider>
          </CommentFormResult.Provider>
        </PreferencesProvider>
      </SiteProvider>
    </StrictMode>
  );
}
