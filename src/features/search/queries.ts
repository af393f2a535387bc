import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

/** The parameters a search page reads, as the server's search does (server/search/read.ts). */
export const SEARCH_FIELDS = ['q', 'section', 'author', 'tag', 'from', 'to'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The page's search, in one fixed order without empty values: one spelling, one cache entry. */
export function searchParamsOf(search: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of SEARCH_FIELDS) {
    const value = search.get(name);
    if (value) params.set(name, value);
  }
  return params;
}

export const searchQueries = {
  /** `params` from searchParamsOf; `from`: where a page reached without JavaScript starts (its ?cursor=). */
  results: (params: URLSearchParams, from = '') =>
    infiniteQueryOptions({
      queryKey: from ? ['search', params.toString(), from] : ['search', params.toString()],
      queryFn: ({ pageParam, signal }) => {
        const query = new URLSearchParams(params);
        if (pageParam) query.set('cursor', pageParam);
        return fetchJson(`/api/search?${query}`, (schemas) => schemas.SearchPage, { signal });
      },
      initialPageParam: from,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
