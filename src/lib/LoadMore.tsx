import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { LoadError } from './LoadError';

interface Props {
  query: Pick<
    UseInfiniteQueryResult,
    'error' | 'fetchNextPage' | 'hasNextPage' | 'isFetchNextPageError' | 'isFetchingNextPage'
  >;
  /** What the next page holds, for the failure message: "more stories". */
  what: string;
  label: string;
  loadingLabel: string;
  className: string;
}

/** The end of a paged list: a button for the next page, or what went wrong fetching it with a retry. */
export function LoadMore({ query, what, label, loadingLabel, className }: Props) {
  if (query.isFetchNextPageError) {
    return <LoadError what={what} error={query.error} onRetry={() => void query.fetchNextPage()} />;
  }
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      className={className}
      onClick={() => void query.fetchNextPage()}
      disabled={query.isFetchingNextPage}
    >
      {query.isFetchingNextPage ? loadingLabel : label}
    </button>
  );
}
