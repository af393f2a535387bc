import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

export const authorQueries = {
  detail: (id: string) =>
    queryOptions({
      queryKey: ['author', id],
      queryFn: ({ signal }) =>
        fetchJson(`/api/authors/${encodeURIComponent(id)}`, (schemas) => schemas.AuthorPage, { signal }),
    }),
};
