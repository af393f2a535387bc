import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../lib/api';

export function createQueryClient({ server = false } = {}) {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Stories change rarely; a minute of freshness lets prefetched stories render straight from cache.
        staleTime: 60_000,
        // The server renders once and moves on; the browser retries passing failures, never 4xx answers.
        retry: server
          ? false
          : (failureCount, error) =>
              failureCount < 2 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
        // The server renders what its prefetch found, a failure included ("Story not found"): the browser,
        // told the same failure in the page's data, then hydrates the same markup.
        ...(server ? { retryOnMount: false } : {}),
      },
    },
  });
}
