import { describe, expect, it } from 'vitest';
import { JITTER, jittered } from './polling';

describe('the polling pace', () => {
  it('strays by up to JITTER either way, so readers who loaded together do not poll together', () => {
    expect(jittered(12_000, () => 0)).toBeCloseTo(12_000 * (1 - JITTER));
    expect(jittered(12_000, () => 0.5)).toBeCloseTo(12_000);
    expect(jittered(12_000, () => 0.9999)).toBeLessThanOrEqual(12_000 * (1 + JITTER));
    const waits = new Set(Array.from({ length: 50 }, () => Math.round(jittered(12_000))));
    expect(waits.size).toBeGreaterThan(40);
    for (const wait of waits) expect(wait >= 10_200 && wait <= 13_800).toBe(true);
  });
});
