import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { SiteProvider } from '../../src/lib/site';
import type { Site } from '../../src/schema/site';

/** The site identity component tests render under. */
export const testSite: Site = {
  name: 'The Test Gazette',
  description: 'Stories for tests.',
  language: 'en',
  social: [],
  imageOrigins: [],
  themeColor: '#1d3b4f',
  backgroundColor: '#f4efe6',
};

/** Renders UI inside the app's providers at a given path, with a query client that never retries. */
export function renderWithProviders(ui: ReactNode, { path = '/', at = '/' }: { path?: string; at?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path, element: ui }], { initialEntries: [at] });
  return {
    queryClient,
    router,
    ...render(
      <SiteProvider origin="http://localhost" site={testSite}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </SiteProvider>,
    ),
  };
}

/** Answers fetch calls in order with the given responses (the network is the one thing these tests fake). */
export function mockFetch(...responses: (() => Response | Promise<Response>)[]) {
  const queue = [...responses];
  const fetchMock = vi.fn(async () => {
    const next = queue.shift();
    if (!next) throw new Error('unexpected fetch');
    return next();
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export const json = (body: unknown, status = 200) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
