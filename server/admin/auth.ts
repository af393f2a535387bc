import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { clientAddress } from '../http';
import { adminToken } from '../config';
import { apiError } from '../http';
import { periodicCount } from '../periodicCount';
import { createRateLimiter, retryHeaders } from '../http';

const digest = (value: string) => createHash('sha256').update(value).digest();

const MINUTE = 60_000;

export interface AdminGuard {
  trustProxy: boolean;
  /** Wrong tokens an address may send a minute; past it, the address gets 429 without its token being read. */
  failuresPerMinute: number;
  tableBytes: number;
  log: (message: string) => void;
}

/**
 * The admin API's one lock, for moderation and publishing alike: every request needs `Authorization: Bearer
 * <ADMIN_TOKEN>`, and no answer behind it is ever stored by a cache. Wrong tokens are logged (the address, never
 * the token) and slowed per address, so guessing runs at a few tries a minute instead of thousands a second.
 */
export function requireAdminToken(token: string, guard: AdminGuard): MiddlewareHandler {
  const expected = digest(adminToken(token)!);
  const failures = createRateLimiter({ limit: guard.failuresPerMinute, windowMs: MINUTE, maxBytes: guard.tableBytes });
  const refusedWhileLimited = periodicCount(guard.log, MINUTE, {
    first: (address) => `admin: ${address} is sending wrong tokens too fast; refusing it with 429 for now`,
    more: (count, seconds) => `admin: ${count} more request(s) refused with 429 in ${seconds} s for wrong tokens`,
  });
  return async (c, next) => {
    const address = clientAddress(c, guard.trustProxy);
    const wait = failures.wait(address);
    if (wait > 0) {
      refusedWhileLimited.add(address);
      return apiError(c, 429, 'too_many_requests', `Too many wrong admin tokens; try again in ${wait} seconds.`, {
        headers: retryHeaders(wait),
      });
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      return apiError(c, 401, 'unauthorized', 'The admin API needs a token: send Authorization: Bearer <token>.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="byline-admin"' },
      });
    }
    // Comparing fixed-length digests in constant time reveals nothing about the token, not even its length.
    if (!timingSafeEqual(digest(match[1]!.trim()), expected)) {
      failures.hit(address);
      guard.log(`admin: wrong token from ${address} for ${c.req.method} ${c.req.path}`);
      return apiError(c, 403, 'forbidden', 'That admin token is not valid.');
    }
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
