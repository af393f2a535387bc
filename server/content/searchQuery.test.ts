import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, type SearchQuery } from './searchQuery';

const term = (words: string[], prefix = false) => ({ words, prefix });
const parsed = (text: string): SearchQuery => {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(`expected a query from ${JSON.stringify(text)}, got ${result.reason}`);
  return result.query;
};

describe('parseQuery', () => {
  it('reads words that must all match, the last as a prefix while it is typed', () => {
    expect(parsed('harbour seals')).toEqual({ all: [[term(['harbour'])], [term(['seals'], true)]], none: [] });
    expect(parsed('harbour seals ')).toEqual({ all: [[term(['harbour'])], [term(['seals'])]], none: [] });
  });

  it('reads phrases, exclusions and OR', () => {
    expect(parsed('"Sea Wall" -mill -"tide mill" ferry OR boat ')).toEqual({
      all: [[term(['sea', 'wall'])], [term(['ferry']), term(['boat'])]],
      none: [term(['mill']), term(['tide', 'mill'])],
    });
    // An unclosed quote runs to the end; a lone OR, a leading OR and a lower-case "or" are plain.
    expect(parsed('OR "sea wall')).toEqual({ all: [[term(['sea', 'wall'])]], none: [] });
    expect(parsed('ferry or boat ')).toEqual({
      all: [[term(['ferry'])], [term(['or'])], [term(['boat'])]],
      none: [],
    });
  });

  it('folds accents and case and splits on anything that is not a letter or digit', () => {
    expect(parsed('Café sea-wall’s ')).toEqual({
      all: [[term(['cafe'])], [term(['sea', 'wall', 's'])]],
      none: [],
    });
  });

  it('says why a query has nothing to search for', () => {
    expect(parseQuery('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseQuery(' "" !!! OR ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseQuery('-tide -"mill"')).toEqual({ ok: false, reason: 'only-excluded' });
  });

  it('gives only words of letters and digits, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const result = parseQuery(text);
        if (!result.ok) return;
        const terms = [...result.query.all.flat(), ...result.query.none];
        expect(terms.length).toBeLessThanOrEqual(12);
        for (const { words } of terms) for (const word of words) expect(word).toMatch(/^[\p{L}\p{N}]+$/u);
      }),
    );
  });
});
