import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api';
import type { CommentStatus } from '../../schema';

export type ModerationAction = 'approve' | 'spam' | 'trash';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export const moderationQueries = {
  list: (token: string, status: CommentStatus) =>
    queryOptions({
      queryKey: ['moderation', token, status],
      queryFn: ({ signal }) =>
        fetchJson(`/api/admin/comments?status=${status}`, (schemas) => schemas.ModerationList, {
          signal,
          headers: auth(token),
        }),
      staleTime: 0,
    }),
};

export const moderate = (token: string, id: number, action: ModerationAction) =>
  fetchJson(`/api/admin/comments/${id}/${action}`, (schemas) => schemas.PostedComment, {
    method: 'POST',
    headers: auth(token),
  });
