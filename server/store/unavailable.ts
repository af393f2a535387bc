/** Node's socket errors when the database's address does not answer or the connection drops. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL's SQLSTATEs for "not now": class 08 (connection exception), the server shutting down or starting
 * (57P01-57P03), too many connections (53300). SQLite's only "not now" is a lock held past busy_timeout.
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
const SQLITE_BUSY = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

/** node-postgres' own words when a connection cannot be had or is cut mid-query. */
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection timeout/i;

/**
 * Whether an error means the database is away for now (not that the request or the code is wrong): such a
 * request gets 503 with Retry-After, and a cached read serves what it has.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.test(code) || SQLITE_BUSY.has(code))) {
    return true;
  }
  if (PG_MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
    return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}
