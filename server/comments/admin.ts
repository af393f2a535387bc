import { Hono } from 'hono';
import { BulkModeration, CommentStatus } from '../../src/schema';
import { apiError } from '../http';
import { decodeCommentCursor } from '../store';
import type { CommentRepository } from './repository';

/** A page of the queue: enough to act on, small enough to load at once. */
const PAGE_SIZE = 50;

/** Actions by name, looked up as own entries only: a name like `constructor` or `__proto__` is no action. */
const actions = new Map<string, CommentStatus>([
  ['approve', 'approved'],
  ['spam', 'spam'],
  ['trash', 'trash'],
]);

/** Moderation API. Mounted only when ADMIN_TOKEN is set, behind requireAdminToken (server/admin/auth.ts). */
export function adminRoutes(comments: CommentRepository, log: (message: string) => void) {
  const api = new Hono();

  api.get('/comments', async (c) => {
    const status = CommentStatus.safeParse(c.req.query('status') ?? 'pending');
    if (!status.success) return apiError(c, 400, 'bad_request', 'status must be pending, approved, spam or trash');
    const cursor = c.req.query('cursor') ?? '';
    let beforeId: number | undefined;
    try {
      beforeId = cursor === '' ? undefined : decodeCommentCursor(cursor);
    } catch (error) {
      return apiError(c, 400, 'bad_request', (error as Error).message);
    }
    const [page, counts] = await Promise.all([
      comments.moderationPage(status.data, { limit: PAGE_SIZE, beforeId }),
      comments.counts(),
    ]);
    return c.json({ ...page, counts });
  });

  api.post('/comments/bulk', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return apiError(c, 400, 'bad_request', 'The request body is not valid JSON.');
    }
    const parsed = BulkModeration.safeParse(body);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'body')] ??= issue.message;
      if (fields.action) fields.action = 'action must be approve, spam or trash';
      return apiError(c, 422, 'invalid', 'The request needs attention; see fields.', { fields });
    }
    const ids = [...new Set(parsed.data.ids)];
    const status = actions.get(parsed.data.action)!;
    const updated = await comments.setStatusMany(ids, status);
    const found = new Set(updated);
    log(`admin: ${updated.length} comment(s) -> ${status}: #${updated.join(', #')}`);
    return c.json({ status, updated, notFound: ids.filter((id) => !found.has(id)) });
  });

  api.post('/comments/:id/:action', async (c) => {
    const action = c.req.param('action');
    const status = actions.get(action);
    if (!status) return apiError(c, 404, 'not_found', `No moderation action "${action}"`);
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1)
      return apiError(c, 400, 'bad_request', 'The comment id must be a positive whole number');
    const comment = await comments.setStatus(id, status);
    if (!comment) return apiError(c, 404, 'not_found', `No comment #${id}`);
    log(`admin: comment #${id} -> ${status}`);
    return c.json({ comment, status });
  });

  return api;
}
