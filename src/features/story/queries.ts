import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

const logUnknownBlock = (raw: unknown) => {
  if (import.meta.env.DEV) console.warn('Skipped a story block this version cannot show:', raw);
};

export const storyQueries = {
  all: () => ['story'] as const,
  detail: (slug: string) =>
    queryOptions({
      queryKey: [...storyQueries.all(), slug],
      queryFn: ({ signal }) =>
        fetchJson(`/api/stories/${encodeURIComponent(slug)}`, (schemas) => schemas.storyResponse(logUnknownBlock), {
          signal,
        }),
    }),
};
