import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';
import type { CommentInput } from '../../schema';

const commentsPath = (slug: string) => `/api/stories/${encodeURIComponent(slug)}/comments`;

export const commentQueries = {
  list: (slug: string) =>
    infiniteQueryOptions({
      queryKey: ['comments', slug],
      queryFn: ({ pageParam, signal }) =>
        fetchJson(
          `${commentsPath(slug)}${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
          (schemas) => schemas.CommentPage,
          { signal },
        ),
      initialPageParam: '',
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
