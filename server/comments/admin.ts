import { Hono } from 'hono';
import { BulkModeration, CommentStatus } from '../../src/schema';
import { apiError } from '../http';
import { moderatorOf } from '../admin';
import { decodeCommentCursor } from '../store';
import { countLinks } from './links';
import type { CommentRepository } from './repository';
import type { Store } from '../store';

/** A page of the queue: enough to act on, small enough to load at once. */
const PAGE_SIZE = 50;
/** A search longer than any name or email is a paste gone wrong, not a search. */
const MAX_SEARCH = 200;

/** The paths named moderators may use (requireAdminToken keeps the rest for the operator). */
export const MODERATION_PATHS = /^\/api\/admin\/(comments|audit)(\/|$)/;

/** An optional cursor: undefined for the first page, or why the request is refused. */
function readCursor(cursor: string | undefined): { beforeId?: number } | { error: string } {
  try {
    return { beforeId: cursor ? decodeCommentCursor(cursor) : undefined };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Actions by name, looked up as own entries only: a name like `constructor` or `__proto__` is no action. */
const actions = new Map<string, CommentStatus>([
  ['approve', 'approved'],
  ['spam', 'spam'],
  ['trash', 'trash'],
]);

/**
 * Moderation API. Mounted only when ADMIN_TOKEN is set, behind requireAdminToken (server/admin/auth.ts), which
 * names who signed in: every decision is recorded with that name and the time, and `GET /audit` lists them.
 */
export function adminRoutes(
  comments: CommentRepository,
  audit: Store['moderation']['auditPage'],
  log: (message: string) => void,
) {
  const api = new Hono();

  api.get('/comments', async (c) => {
    const status = CommentStatus.safeParse(c.req.query('status') ?? 'pending');
    if (!status.success) return apiError(c, 400, 'bad_request', 'status must be pending, approved, spam or trash');
    const cursor = readCursor(c.req.query('cursor'));
    if ('error' in cursor) return apiError(c, 400, 'bad_request', cursor.error);
    const story = c.req.query('story')?.trim() || undefined;
    const search = c.req.query('q')?.trim() || undefined;
    if (search && search.length > MAX_SEARCH)
      return apiError(c, 400, 'bad_request', `The search is too long; use at most ${MAX_SEARCH} characters.`, {
        fields: { q: `At most ${MAX_SEARCH} characters.` },
      });
    const [page, counts] = await Promise.all([
      comments.moderationPage(status.data, { limit: PAGE_SIZE, beforeId: cursor.beforeId, story, search }),
      comments.counts(),
    ]);
    const shown = page.comments.map((comment) => ({ ...comment, links: countLinks(comment.text) }));
    return c.json({ ...page, comments: shown, counts });
  });

  api.get('/audit', async (c) => {
    const cursor = readCursor(c.req.query('cursor'));
    if ('error' in cursor) return apiError(c, 400, 'bad_request', cursor.error);
    return c.json(await audit({ limit: PAGE_SIZE, beforeId: cursor.beforeId }));
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
    const moderator = moderatorOf(c);
    const decided = { action: parsed.data.action, moderator, decidedAt: new Date().toISOString() };
    const updated = await comments.setStatusMany(ids, status, decided);
    const found = new Set(updated);
    log(`admin: ${moderator}: ${updated.length} comment(s) -> ${status}: #${updated.join(', #')}`);
    return c.json({ status, updated, notFound: ids.filter((id) => !found.has(id)) });
  });

  api.post('/comments/:id/:action', async (c) => {
    const action = c.req.param('action');
    const status = actions.get(action);
    if (!status) return apiError(c, 404, 'not_found', `No moderation action "${action}"`);
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1)
      return apiError(c, 400, 'bad_request', 'The comment id must be a positive whole number');
    const moderator = moderatorOf(c);
    const comment = await comments.setStatus(id, status, { action, moderator, decidedAt: new Date().toISOString() });
    if (!comment) return apiError(c, 404, 'not_found', `No comment #${id}`);
    log(`admin: ${moderator}: comment #${id} -> ${status}`);
    return c.json({ comment, status });
  });

  return api;
}
