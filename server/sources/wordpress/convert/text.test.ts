import { describe, expect, it } from 'vitest';
import { cleanText, truncateAtWord } from './text';

describe('cleanText', () => {
  it('collapses new lines, tabs and no-break spaces and trims', () => {
    expect(cleanText('\n  two\u00a0\twords \n')).toBe('two words');
  });
});

describe('truncateAtWord', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateAtWord('short text', 20)).toBe('short text');
  });
  it('cuts at the last whole word and ends with an ellipsis, within the limit', () => {
    const out = truncateAtWord('The lamps along the north breakwater', 20);
    expect(out).toBe('The lamps along the…');
    expect(out.length).toBeLessThanOrEqual(20);
  });
  it('drops punctuation left dangling before the ellipsis', () => {
    expect(truncateAtWord('One, two, three, four', 10)).toBe('One, two…');
  });
  it('cuts a single over-long word rather than returning nothing', () => {
    expect(truncateAtWord('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
