import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

export const contentProblemQueries = {
  list: (token: string) =>
    queryOptions({
      queryKey: ['content-problems', token],
      queryFn: ({ signal }) =>
        fetchJson('/api/admin/content/problems', (schemas) => schemas.ContentProblemList, {
          signal,
          headers: { Authorization: `Bearer ${token}` },
        }),
      staleTime: 0,
    }),
};
