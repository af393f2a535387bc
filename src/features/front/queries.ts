import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

const PAGE_SIZE = 10;

export const frontQueries = {
  feed: () =>
    infiniteQueryOptions({
      queryKey: ['feed'],
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (pageParam) params.set('cursor', pageParam);
        return fetchJson(`/api/stories?${params}`, (schemas) => schemas.StoryPage, { signal });
      },
      initialPageParam: '',
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
