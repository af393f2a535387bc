import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';
import type { CommentStatus, ModerationAction } from '../../schema';

export type { ModerationAction };

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** What narrows the queue: one story (by slug, with its headline to show), and words to search for. */
export interface QueueFilter {
  story?: { slug: string; headline: string };
  search?: string;
}

export const moderationQueries = {
  list: (token: string, status: CommentStatus, filter: QueueFilter = {}) =>
    infiniteQueryOptions({
      queryKey: ['moderation', token, status, filter.story?.slug ?? '', filter.search ?? ''],
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams({ status });
        if (filter.story) params.set('story', filter.story.slug);
        if (filter.search) params.set('q', filter.search);
        if (pageParam) params.set('cursor', pageParam);
        return fetchJson(`/api/admin/comments?${params}`, (schemas) => schemas.ModerationList, {
          signal,
          headers: auth(token),
        });
      },
      initialPageParam: '',
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      staleTime: 0,
    }),

  audit: (token: string) =>
    infiniteQueryOptions({
      queryKey: ['moderation', token, 'audit'],
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams();
        if (pageParam) params.set('cursor', pageParam);
        return fetchJson(`/api/admin/audit?${params}`, (schemas) => schemas.AuditPage, {
          signal,
          headers: auth(token),
        });
      },
      initialPageParam: '',
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      staleTime: 0,
    }),
};

export const moderate = (token: string, id: number, action: ModerationAction) =>
  fetchJson(`/api/admin/comments/${id}/${action}`, (schemas) => schemas.PostedComment, {
    method: 'POST',
    headers: auth(token),
  });

export const moderateMany = (token: string, ids: number[], action: ModerationAction) =>
  fetchJson('/api/admin/comments/bulk', (schemas) => schemas.BulkModerationResult, {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ ids, action }),
  });
