import { describe, expect, it } from 'vitest';
import { thousands } from './limits';

describe('thousands', () => {
  it('groups digits as English does', () => {
    for (const value of [0, 7, 999, 1000, 65_525, 1_234_567, 10_000_000]) {
      expect(thousands(value)).toBe(value.toLocaleString('en'));
    }
  });
});
