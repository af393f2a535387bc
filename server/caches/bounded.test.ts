import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createBoundedCache, exactBuffer, heldBytes, keyBytes } from './bounded';

describe('the bounded cache', () => {
  it('holds at most its budget, counting keys, and drops the least recently used first', () => {
    const evicted: string[] = [];
    const cache = createBoundedCache<string>(3 * (100 + keyBytes('a')), (key) => evicted.push(key));
    cache.set('a', 'A', 100);
    cache.set('b', 'B', 100);
    cache.set('c', 'C', 100);
    expect(cache.get('a')).toBe('A'); // a is now the most recent
    cache.set('d', 'D', 100);
    expect(evicted).toEqual(['b']);
    expect([...cache.keys()]).toEqual(['c', 'a', 'd']);
    expect(cache.bytes).toBe(3 * (100 + keyBytes('a')));
  });

  it('never goes over budget under a flood of new keys', () => {
    const cache = createBoundedCache<number>(10_000);
    for (let i = 0; i < 50_000; i++) {
      cache.set(`/feed.xml?host=${i}`, i, 50);
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(cache.size).toBe(Math.floor(10_000 / (50 + keyBytes('/feed.xml?host=49999'))));
  });

  it('keeps nothing larger than the whole budget, and replacing an entry does not count it twice', () => {
    const cache = createBoundedCache<string>(1000);
    cache.set('big', 'x', 2000);
    expect(cache.size).toBe(0);
    cache.set('k', 'one', 100);
    cache.set('k', 'two', 200);
    expect(cache.bytes).toBe(200 + keyBytes('k'));
    expect(cache.delete('k')).toBe(true);
    expect(cache.bytes).toBe(0);
  });
});

describe('buffers as held', () => {
  it('counts the backing store, and an exact copy holds only its bytes', () => {
    const gz = gzipSync(Buffer.from('a small page'));
    expect(heldBytes(gz)).toBeGreaterThan(gz.length);
    const exact = exactBuffer(gz);
    expect(exact.equals(gz)).toBe(true);
    expect(heldBytes(exact)).toBe(gz.length);
  });
});
