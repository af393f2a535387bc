import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

const PAGE_SIZE = 10;

export const tagQueries = {
  stories: (slug: string, from = '') =>
    infiniteQueryOptions({
      queryKey: from ? ['tags', slug, from] : ['tags', slug],
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (pageParam) params.set('cursor', pageParam);
        return fetchJson(`/api/tags/${encodeURIComponent(slug)}?${params}`, (schemas) => schemas.TagPage, { signal });
      },
      initialPageParam: from,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
