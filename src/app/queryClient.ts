import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../lib/api';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Stories change rarely; a minute of freshness lets prefetched stories render straight from cache.
        staleTime: 60_000,
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
      },
    },
  });
}
