import { describe, expect, it } from 'vitest';
import { convertPullquote, isPullquote } from './pullquote';
import { elementOf } from '../../../../test/doubles/wordpress/elementOf';

describe('convertPullquote', () => {
  it('makes a pull quote of the block editor pull quote', () => {
    const { element, ctx } = elementOf(
      '<figure class="wp-block-pullquote"><blockquote><p>They are more regular than the ferry.</p></blockquote></figure>',
    );
    expect(isPullquote(element)).toBe(true);
    expect(convertPullquote(element, ctx)).toEqual([
      { type: 'pullquote', text: 'They are more regular than the ferry.' },
    ]);
    expect(ctx.notes).toEqual([]);
  });
  it('leaves the citation out of the text, with a note (older markup: the blockquote itself)', () => {
    const { element, ctx } = elementOf(
      '<blockquote class="wp-block-pullquote"><p>Lamps &amp; ladders.</p><cite>Marta</cite></blockquote>',
    );
    expect(convertPullquote(element, ctx)).toEqual([{ type: 'pullquote', text: 'Lamps & ladders.' }]);
    expect(ctx.notes).toEqual(['left out a pull quote citation']);
  });
  it('is not a pull quote without the class', () => {
    expect(isPullquote(elementOf('<blockquote><p>x</p></blockquote>').element)).toBe(false);
  });
});
