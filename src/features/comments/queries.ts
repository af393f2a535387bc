import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';
import type { CommentInput } from '../../schema';

const commentsPath = (slug: string) => `/api/stories/${encodeURIComponent(slug)}/comments`;

export const commentQueries = {
  /** A story's approved comments, or those after `from` (a page reached by the "Show more comments" link). */
  list: (slug: string, from = '') =>
    infiniteQueryOptions({
      queryKey: from ? ['comments', slug, from] : ['comments', slug],
      queryFn: ({ pageParam, signal }) =>
        fetchJson(
          `${commentsPath(slug)}${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
          (schemas) => schemas.CommentPage,
          { signal },
        ),
      initialPageParam: from,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      staleTime: 10_000,
    }),
};

export const postComment = (slug: string, input: CommentInput, postKey: string) =>
  fetchJson(commentsPath(slug), (schemas) => schemas.PostedComment, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': postKey },
    body: JSON.stringify(input),
  });
