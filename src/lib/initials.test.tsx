import { describe, expect, it } from 'vitest';
import { initials } from './initials';

const hasLoneSurrogate = (text: string) =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Maya Okafor-Lind')).toBe('MO');
    expect(initials('  ada  ')).toBe('A');
    expect(initials('')).toBe('?');
  });

  it('takes a letter outside the Basic Multilingual Plane whole, never half of it', () => {
    expect(initials('𝒜da 🦊fox')).toBe('𝒜🦊');
    expect(initials('\u{1e766}x')).toBe('\u{1e766}');
    for (const name of ['😀', '𝒜 𝒝', 'a 𐐨b']) expect(hasLoneSurrogate(initials(name)), name).toBe(false);
  });
});
