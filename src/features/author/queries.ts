import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

const PAGE_SIZE = 10;

export const authorQueries = {
  /** `from`: where the list starts, on a page reached by a "More stories" link without JavaScript. */
  detail: (id: string, from = '') =>
    infiniteQueryOptions({
      queryKey: from ? ['author', id, from] : ['author', id],
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (pageParam) params.set('cursor', pageParam);
        return fetchJson(`/api/authors/${encodeURIComponent(id)}?${params}`, (schemas) => schemas.AuthorPage, {
          signal,
        });
      },
      initialPageParam: from,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
