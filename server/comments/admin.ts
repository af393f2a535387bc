import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { CommentStatus } from '../../src/schema';
import { apiError } from '../http';
import type { CommentRepository } from './repository';

const digest = (value: string) => createHash('sha256').update(value).digest();

const actions = { approve: 'approved', spam: 'spam', trash: 'trash' } as const;

/** Moderation API. Mounted only when ADMIN_TOKEN is set; every request needs `Authorization: Bearer <token>`. */
export function adminRoutes(comments: CommentRepository, token: string, log: (message: string) => void) {
  const api = new Hono();
  const expected = digest(token);

  api.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      return apiError(c, 401, 'unauthorized', 'Moderation needs a token: send Authorization: Bearer <token>.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="byline-admin"' },
      });
    }
    // Comparing fixed-length digests in constant time reveals nothing about the token, not even its length.
    if (!timingSafeEqual(digest(match[1]!.trim()), expected)) {
      return apiError(c, 403, 'forbidden', 'That moderation token is not valid.');
    }
    c.header('Cache-Control', 'no-store');
    await next();
  });

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
