import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { LoadError } from './LoadError';

interface Props {
  query: Pick<
    UseInfiniteQueryResult<{ pages: { nextCursor: string | null }[] }>,
    'data' | 'error' | 'fetchNextPage' | 'hasNextPage' | 'isFetchNextPageError' | 'isFetchingNextPage'
  >;
  /** What the next page holds, for the failure message: "more stories". */
  what: string;
  label: string;
  loadingLabel: string;
  className: string;
  /** Where on the next page the reader lands: the list's id. */
  anchor?: string;
}

/** Where a paged list starts on this page: `?cursor=` of a page reached by following a LoadMore link. */
export const usePageCursor = () => useSearchParams()[0].get('cursor') ?? '';

/**
 * The end of a paged list: a link to the next page (a real page without JavaScript; with the app, the next page
 * is added to this one in place), or what went wrong fetching it with a retry.
 */
export function LoadMore({ query, what, label, loadingLabel, className, anchor }: Props) {
  if (query.isFetchNextPageError) {
    return <LoadError what={what} error={query.error} onRetry={() => void query.fetchNextPage()} />;
  }
  const next = query.data?.pages.at(-1)?.nextCursor;
  if (!query.hasNextPage || !next) return null;
  return (
    <a
      href={`?cursor=${encodeURIComponent(next)}${anchor ? `#${anchor}` : ''}`}
      className={className}
      aria-disabled={query.isFetchingNextPage || undefined}
      onClick={(event) => {
        event.preventDefault();
        if (!query.isFetchingNextPage) void query.fetchNextPage();
      }}
    >
      {query.isFetchingNextPage ? loadingLabel : label}
    </a>
  );
}
