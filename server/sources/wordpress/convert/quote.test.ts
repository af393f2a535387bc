import { describe, expect, it } from 'vitest';
import { convertBlockquote } from './quote';
import { elementOf } from '../../../../test/doubles/wordpress/elementOf';

describe('convertBlockquote', () => {
  it('keeps the paragraphs as content and the cite as attribution (block editor quote)', () => {
    const { element, ctx } = elementOf(
      '<blockquote class="wp-block-quote">\n<p>We did it with <em>ladders</em>.</p>\n<p>And patience.</p>\n<cite>Marta Quinn, Harbour Trust</cite></blockquote>',
    );
    expect(convertBlockquote(element, ctx)).toEqual([
      {
        type: 'blockquote',
        content: [
          { type: 'text', text: 'We did it with ' },
          { type: 'emphasis', text: 'ladders' },
          { type: 'text', text: '. And patience.' },
        ],
        attribution: 'Marta Quinn, Harbour Trust',
      },
    ]);
  });
  it('takes the dash off an attribution and has none without a cite', () => {
    expect(
      convertBlockquote(
        elementOf('<blockquote><p>Hi</p><footer>— Ruth</footer></blockquote>').element,
        elementOf('<b/>').ctx,
      ),
    ).toEqual([{ type: 'blockquote', content: [{ type: 'text', text: 'Hi' }], attribution: 'Ruth' }]);
    expect(convertBlockquote(elementOf('<blockquote><p>Hi</p></blockquote>').element, elementOf('<b/>').ctx)).toEqual([
      { type: 'blockquote', content: [{ type: 'text', text: 'Hi' }] },
    ]);
  });
  it('notes and leaves out a quote with nothing quoted', () => {
    const { element, ctx } = elementOf('<blockquote><cite>Nobody</cite></blockquote>');
    expect(convertBlockquote(element, ctx)).toEqual([]);
    expect(ctx.notes).toHaveLength(1);
  });
});
