import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';

/** Until the server has said how often (its first answer does), pages ask this often. */
const DEFAULT_POLL_SECONDS = 15;

interface LatestCount {
  count: number;
  pollSeconds: number;
}

// Not under ['comments', slug]: refreshing the list must not count as the server's word on the count.
const latestKey = (slug: string) => ['comment-count', slug] as const;

/**
 * The story's approved comment count as the update answer tells it (GET /api/stories/:slug/updates, the same
 * small cached answer a live story's page asks for). Asked every pollSeconds while the tab is visible, never
 * while hidden; a live story's page already asks for that answer and hands the count over instead.
 */
const latestCount = (slug: string, initialCount: number, asking: boolean) =>
  queryOptions({
    queryKey: latestKey(slug),
    queryFn: async ({ signal }): Promise<LatestCount> => {
      const updates = await fetchJson(
        `/api/stories/${encodeURIComponent(slug)}/updates?since=0`,
        (schemas) => schemas.LiveUpdates,
        { signal },
      );
      return { count: updates.commentCount, pollSeconds: updates.pollSeconds };
    },
    // Asked once as the comments come up (that answer says how often to ask), then at the server's pace.
    initialData: { count: initialCount, pollSeconds: DEFAULT_POLL_SECONDS },
    initialDataUpdatedAt: 0,
    staleTime: 0,
    refetchOnWindowFocus: false,
    enabled: asking,
    refetchInterval: (query) => (asking ? (query.state.data?.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000 : false),
    refetchIntervalInBackground: false,
    retry: false,
  });

/** The approved comment count the server has now; `asking`: this page asks for it itself. */
export function useLatestCommentCount(slug: string, initialCount: number, asking: boolean): number {
  return useQuery(latestCount(slug, initialCount, asking)).data.count;
}

/** A live story's page hands over the count from the update answer it asked for anyway. */
export function tellLatestCommentCount(queryClient: QueryClient, slug: string, count: number, pollSeconds: number) {
  queryClient.setQueryData<LatestCount>(latestKey(slug), { count, pollSeconds });
}
