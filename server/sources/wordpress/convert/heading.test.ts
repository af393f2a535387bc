import { describe, expect, it } from 'vitest';
import { convertHeading } from './heading';
import { elementOf } from '../../../../test/doubles/wordpress/elementOf';

describe('convertHeading', () => {
  it('makes a subheading of the text, entities decoded and inner tags dropped', () => {
    const { element } = elementOf('<h3 class="wp-block-heading">Who <em>decided</em> &amp; why</h3>');
    expect(convertHeading(element)).toEqual([{ type: 'subheading', text: 'Who decided & why' }]);
  });
  it('cuts a heading longer than 200 characters at a word', () => {
    const { element } = elementOf(`<h2>${'harbour '.repeat(40)}</h2>`);
    const [block] = convertHeading(element);
    expect(block?.type === 'subheading' && block.text.length).toBeLessThanOrEqual(200);
  });
  it('gives nothing for an empty heading', () => {
    expect(convertHeading(elementOf('<h2> &nbsp; </h2>').element)).toEqual([]);
  });
});
