import { Hono } from 'hono';
import type { ContentProblemList } from '../../src/schema';
import type { Store } from '../store';

/**
 * GET /content/problems: every file and WordPress post a source refused, with its messages, line and column.
 * Mounted under /api/admin, behind requireAdminToken (server/admin/auth.ts).
 */
export function contentProblemRoutes(problems: Store['contentProblems']) {
  const api = new Hono();
  api.get('/content/problems', async (c) => c.json({ problems: await problems.list() } satisfies ContentProblemList));
  return api;
}
