import type { Element } from 'domhandler';
import type { Block } from '../../../../src/schema/blocks';
import type { ConvertContext } from './context';
import { descendants, hasClass, textOf } from './dom';
import { truncateAtWord } from './text';

export const isPullquote = (element: Element): boolean => hasClass(element, 'wp-block-pullquote');

/**
 * The pull quote block (a figure holding a blockquote, or in older posts the blockquote itself). Byline's pull
 * quote is text alone, so a citation is left out, with a note.
 */
export function convertPullquote(element: Element, ctx: ConvertContext): Block[] {
  const isCitation = (child: Element) => child.name === 'cite' || child.name === 'figcaption';
  const text = truncateAtWord(textOf(element.children, isCitation), 400);
  if (descendants(element.children).some(isCitation)) ctx.notes.push('left out a pull quote citation');
  return text ? [{ type: 'pullquote', text }] : [];
}
