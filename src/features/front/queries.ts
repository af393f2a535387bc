import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

const PAGE_SIZE = 10;

export const frontQueries = {
  /** The newest stories, or those after `from` (a page reached by the "More stories" link without JavaScript). */
  feed: (from = '') =>
    infiniteQueryOptions({
      queryKey: from ? ['feed', from] : ['feed'],
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (pageParam) params.set('cursor', pageParam);
        return fetchJson(`/api/stories?${params}`, (schemas) => schemas.StoryPage, { signal });
      },
      initialPageParam: from,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
