import type { Element } from 'domhandler';
import type { Block } from '../../../../src/schema/blocks';
import type { ConvertContext } from './context';
import { descendants, textOf } from './dom';
import { inlineRuns } from './inline';
import { cleanText, truncateAtWord } from './text';

/** "— Marta Quinn" and "Marta Quinn" attribute alike. */
export const attributionText = (element: Element): string =>
  truncateAtWord(cleanText(textOf(element.children)).replace(/^[—–-]+\s*/, ''), 200);

/** A quotation: its paragraphs as inline content, and its cite (or footer) as the attribution. */
export function convertBlockquote(element: Element, ctx: ConvertContext): Block[] {
  const source = descendants(element.children).find((child) => child.name === 'cite' || child.name === 'footer');
  const content = inlineRuns(
    element.children.filter((child) => child !== source),
    ctx,
  );
  const attribution = source ? attributionText(source) : '';
  if (!content.length) {
    if (attribution) ctx.notes.push('left out an empty quotation with only an attribution');
    return [];
  }
  return [{ type: 'blockquote', content, ...(attribution ? { attribution } : {}) }];
}
