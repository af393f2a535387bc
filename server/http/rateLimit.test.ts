import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from './rateLimit';

afterEach(() => {
  vi.useRealTimers();
});

describe('createRateLimiter', () => {
  it('lets `limit` events a window through, then says how long to wait, per key', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T12:00:00Z'));
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, maxBytes: 64 * 1024 });
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([0, 0, 0]);
    expect(limiter.wait('a')).toBe(60);
    expect(limiter.hit('a')).toBe(60);
    expect(limiter.wait('b')).toBe(0);
    expect(limiter.hit('b')).toBe(0);

    vi.setSystemTime(new Date('2026-12-07T12:00:45.500Z'));
    expect(limiter.hit('a')).toBe(15);
    vi.setSystemTime(new Date('2026-12-07T12:01:00Z'));
    expect(limiter.wait('a')).toBe(0);
    expect(limiter.hit('a')).toBe(0);
  });

  it('stays within its byte budget however many addresses it sees', () => {
    const maxBytes = 32 * 1024;
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxBytes });
    for (let i = 0; i < 50_000; i++) limiter.hit(`2001:db8::${i.toString(16)}`);
    expect(limiter.bytes).toBeLessThanOrEqual(maxBytes);
    expect(limiter.bytes).toBeGreaterThan(maxBytes / 2);
    // The newest addresses are the ones kept.
    expect(limiter.wait(`2001:db8::${(49_999).toString(16)}`)).toBeGreaterThan(0);
    expect(limiter.wait('2001:db8::0')).toBe(0);
  });
});
