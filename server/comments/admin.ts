import { Hono } from 'hono';
import { CommentStatus } from '../../src/schema';
import { apiError } from '../http';
import type { CommentRepository } from './repository';

const actions = { approve: 'approved', spam: 'spam', trash: 'trash' } as const;

/** Moderation API. Mounted only when ADMIN_TOKEN is set, behind requireAdminToken (server/admin/auth.ts). */
export function adminRoutes(comments: CommentRepository, log: (message: string) => void) {
  const api = new Hono();

  api.get('/comments', async (c) => {
    const status = CommentStatus.safeParse(c.req.query('status') ?? 'pending');
    if (!status.success) return apiError(c, 400, 'bad_request', 'status must be pending, approved, spam or trash');
    return c.json({ comments: await comments.byStatus(status.data, 200) });
  });

  api.post('/comments/:id/:action', async (c) => {
    const action = c.req.param('action');
    if (!(action in actions)) return apiError(c, 404, 'not_found', `No moderation action "${action}"`);
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1) return apiError(c, 400, 'bad_request', 'The comment id must be a positive whole number');
    const comment = await comments.setStatus(id, actions[action as keyof typeof actions]);
    if (!comment) return apiError(c, 404, 'not_found', `No comment #${id}`);
    log(`admin: comment #${id} -> ${actions[action as keyof typeof actions]}`);
    return c.json({ comment, status: actions[action as keyof typeof actions] });
  });

  return api;
}
