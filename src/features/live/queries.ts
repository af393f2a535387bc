import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

const storyPath = (slug: string) => `/api/stories/${encodeURIComponent(slug)}`;

export const liveQueries = {
  /** A page of a live story's entries (from 1), as the server rendered it and the app reads it. */
  page: (slug: string, page: number) =>
    queryOptions({
      queryKey: ['live', slug, page],
      queryFn: ({ signal }) =>
        fetchJson(`${storyPath(slug)}/live${page > 1 ? `?page=${page}` : ''}`, (schemas) => schemas.LivePage, {
          signal,
        }),
      // The page keeps itself current by asking for updates; it is not read again on focus.
      staleTime: Infinity,
    }),
};

/** What changed after revision `since`: the small answer every open page asks for. */
export const fetchUpdates = (slug: string, since: number, signal?: AbortSignal) =>
  fetchJson(`${storyPath(slug)}/updates?since=${since}`, (schemas) => schemas.LiveUpdates, { signal });

/** The page number in `?page=`, 1 when absent or not a page number. */
export function pageParam(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
