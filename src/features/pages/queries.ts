import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

export const pageQueries = {
  detail: (slug: string) =>
    queryOptions({
      queryKey: ['page', slug],
      queryFn: ({ signal }) =>
        fetchJson(`/api/pages/${encodeURIComponent(slug)}`, (schemas) => schemas.pageResponse(), { signal }),
    }),
};
