import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

const PAGE_SIZE = 10;

export const sectionQueries = {
  all: () =>
    queryOptions({
      queryKey: ['sections'],
      queryFn: ({ signal }) => fetchJson('/api/sections', (schemas) => schemas.SectionList, { signal }),
    }),
  /** The header's list: names only, so pages that show it change only when a section appears or empties. */
  names: () =>
    queryOptions({
      queryKey: ['section-names'],
      queryFn: ({ signal }) => fetchJson('/api/section-names', (schemas) => schemas.SectionNames, { signal }),
    }),
  stories: (slug: string, from = '') =>
    infiniteQueryOptions({
      queryKey: from ? ['sections', slug, from] : ['sections', slug],
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (pageParam) params.set('cursor', pageParam);
        return fetchJson(`/api/sections/${encodeURIComponent(slug)}?${params}`, (schemas) => schemas.SectionPage, {
          signal,
        });
      },
      initialPageParam: from,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
