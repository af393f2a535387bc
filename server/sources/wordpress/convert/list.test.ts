import { describe, expect, it } from 'vitest';
import { convertList } from './list';
import { elementOf } from '../../../../test/doubles/wordpress/elementOf';

describe('convertList', () => {
  it('keeps an ordered list ordered, with inline runs in each item', () => {
    const { element, ctx } = elementOf(
      '<ol>\n<li>First <a href="https://x.example/">step</a></li>\n\n<li><strong>Then</strong></li>\n</ol>',
    );
    expect(convertList(element, ctx)).toEqual([
      {
        type: 'list',
        ordered: true,
        items: [
          [
            { type: 'text', text: 'First ' },
            { type: 'link', href: 'https://x.example/', text: 'step' },
          ],
          [{ type: 'strong', text: 'Then' }],
        ],
      },
    ]);
  });
  it('flattens a nested list after its parent item, with a note', () => {
    const { element, ctx } = elementOf('<ul><li>Fruit<ul><li>Apple</li><li>Pear</li></ul></li><li>Bread</li></ul>');
    const [list] = convertList(element, ctx);
    expect(list?.type === 'list' && list.items.map((item) => item[0]?.text)).toEqual([
      'Fruit',
      'Apple',
      'Pear',
      'Bread',
    ]);
    expect(ctx.notes).toEqual(['flattened a nested list']);
  });
  it('skips empty items and gives nothing for an empty list', () => {
    const { element, ctx } = elementOf('<ul><li> </li></ul>');
    expect(convertList(element, ctx)).toEqual([]);
  });
});
