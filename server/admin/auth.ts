import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { clientAddress } from '../http';
import { adminToken } from '../config';
import { apiError } from '../http';
import { periodicCount } from '../periodicCount';
import { createRateLimiter, retryHeaders } from '../http';
import { hashToken, OPERATOR } from '../moderators';
import type { Store } from '../store';

const digest = (value: string) => createHash('sha256').update(value).digest();

const MINUTE = 60_000;

export interface AdminGuard {
  trustProxy: boolean;
  /** Wrong tokens an address may send a minute; past it, the address gets 429 without its token being read. */
  failuresPerMinute: number;
  tableBytes: number;
  log: (message: string) => void;
  /** Named moderators' tokens, looked up by their hash; without it only ADMIN_TOKEN signs in. */
  moderators?: Pick<Store['moderation']['moderators'], 'byTokenHash'>;
  /** The admin paths named moderators may use; everything else behind the guard is the operator's alone. */
  moderatorPaths?: RegExp;
}

/** Who signed each admin request in, by the request itself: nothing else can set it. */
const signedIn = new WeakMap<Request, string>();

/** The name behind this admin request's token: "admin" for ADMIN_TOKEN, else the moderator's name. */
export const moderatorOf = (c: Context) => signedIn.get(c.req.raw) ?? OPERATOR;

/** The named moderator whose token this is, compared in constant time once the row is found by its hash. */
async function namedModerator(token: string, guard: AdminGuard): Promise<string | undefined> {
  if (!guard.moderators) return undefined;
  const hash = hashToken(token);
  const found = await guard.moderators.byTokenHash(hash);
  if (!found) return undefined;
  return timingSafeEqual(Buffer.from(found.tokenHash, 'hex'), Buffer.from(hash, 'hex')) ? found.name : undefined;
}

/**
 * The admin API's one lock, for moderation and publishing alike: every request needs `Authorization: Bearer
 * <ADMIN_TOKEN>` (the operator, "admin") or a named moderator's token (moderation paths only), and no answer behind it is ever stored by a cache. Wrong tokens are logged (the address, never
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
    const given = match[1]!.trim();
    // Comparing fixed-length digests in constant time reveals nothing about the token, not even its length.
    const name = timingSafeEqual(digest(given), expected) ? OPERATOR : await namedModerator(given, guard);
    if (!name) {
      failures.hit(address);
      guard.log(`admin: wrong token from ${address} for ${c.req.method} ${c.req.path}`);
      return apiError(c, 403, 'forbidden', 'That admin token is not valid.');
    }
    if (name !== OPERATOR && !guard.moderatorPaths?.test(c.req.path)) {
      return apiError(
        c,
        403,
        'forbidden',
        `Moderators moderate comments; ${c.req.path} needs the operator's ADMIN_TOKEN.`,
      );
    }
    signedIn.set(c.req.raw, name);
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
