import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { apiError } from '../http';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The admin API's one lock, for moderation and publishing alike: every request needs `Authorization: Bearer
 * <ADMIN_TOKEN>`, and no answer behind it is ever stored by a cache.
 */
export function requireAdminToken(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      return apiError(c, 401, 'unauthorized', 'The admin API needs a token: send Authorization: Bearer <token>.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="byline-admin"' },
      });
    }
    // Comparing fixed-length digests in constant time reveals nothing about the token, not even its length.
    if (!timingSafeEqual(digest(match[1]!.trim()), expected)) {
      return apiError(c, 403, 'forbidden', 'That admin token is not valid.');
    }
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
