import { describe, expect, it } from 'vitest';
import { convertTable, convertTableFigure } from './table';
import { elementOf } from '../../../../test/doubles/wordpress/elementOf';

const paragraphs = (blocks: ReturnType<typeof convertTable>) =>
  blocks.map((block) => (block.type === 'paragraph' ? block.content.map((run) => run.text).join('') : block.type));

describe('convertTable', () => {
  it('names each cell by its header, a paragraph a row, and notes it', () => {
    const { element, ctx } = elementOf(
      '<figure class="wp-block-table"><table><thead><tr><th>Sailing</th><th>Leaves</th></tr></thead><tbody><tr><td>First</td><td>06:40</td></tr><tr><td>Last</td><td>22:15</td></tr></tbody></table><figcaption>Winter times</figcaption></figure>',
    );
    expect(paragraphs(convertTableFigure(element, ctx))).toEqual([
      'Sailing: First; Leaves: 06:40',
      'Sailing: Last; Leaves: 22:15',
      'Winter times',
    ]);
    expect(ctx.notes).toEqual(['converted table to text']);
  });
  it('joins cells without a header row, with the caption first', () => {
    const { element, ctx } = elementOf('<table><caption>Tides</caption><tr><td>High</td><td>06:10</td></tr></table>');
    expect(paragraphs(convertTable(element, ctx))).toEqual(['Tides', 'High; 06:10']);
  });
  it('reads a nested table once, as its cell text', () => {
    const { element, ctx } = elementOf('<table><tr><td>a<table><tr><td>b</td></tr></table></td></tr></table>');
    expect(paragraphs(convertTable(element, ctx))).toEqual(['a b']);
  });
});
