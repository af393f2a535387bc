import { createBoundedCache } from '../caches';

/** What one address's window costs beside its key: the record and its two numbers. */
const WINDOW_BYTES = 64;

export interface RateLimiter {
  /** Counts one event for `key`: 0 while within the limit, else the seconds until its window ends. */
  hit(key: string): number;
  /** Seconds `key` must still wait, without counting anything (0: not limited). */
  wait(key: string): number;
  readonly bytes: number;
}

/**
 * At most `limit` events a window per key (a client address), in a table bounded in bytes: a flood of new
 * addresses pushes out the oldest windows rather than growing the table.
 */
export function createRateLimiter(options: { limit: number; windowMs: number; maxBytes: number }): RateLimiter {
  const windows = createBoundedCache<{ start: number; count: number }>(options.maxBytes);
  const current = (key: string, now: number) => {
    const found = windows.get(key);
    return found && now - found.start < options.windowMs ? found : undefined;
  };
  const remaining = (start: number, now: number) => Math.max(1, Math.ceil((start + options.windowMs - now) / 1000));
  return {
    hit(key) {
      const now = Date.now();
      const window = current(key, now) ?? { start: now, count: 0 };
      window.count++;
      windows.set(key, window, WINDOW_BYTES);
      return window.count > options.limit ? remaining(window.start, now) : 0;
    },
    wait(key) {
      const now = Date.now();
      const window = current(key, now);
      return window && window.count >= options.limit ? remaining(window.start, now) : 0;
    },
    get bytes() {
      return windows.bytes;
    },
  };
}

/** Headers of every refusal for going too fast: when to try again, and never kept by a cache. */
export const retryHeaders = (seconds: number) => ({ 'Retry-After': String(seconds), 'Cache-Control': 'no-store' });
