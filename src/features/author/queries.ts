import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

const PAGE_SIZE = 10;

export const authorQueries = {
  detail: (id: string) =>
    infiniteQueryOptions({
      queryKey: ['author', id],
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (pageParam) params.set('cursor', pageParam);
        return fetchJson(`/api/authors/${encodeURIComponent(id)}?${params}`, (schemas) => schemas.AuthorPage, { signal });
      },
      initialPageParam: '',
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
