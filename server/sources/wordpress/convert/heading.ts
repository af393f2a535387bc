import type { Element } from 'domhandler';
import type { Block } from '../../../../src/schema/blocks';
import { textOf } from './dom';
import { truncateAtWord } from './text';

export const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** h1 to h6 all become subheadings: the story's own headline is the page's only h1. */
export function convertHeading(element: Element): Block[] {
  const text = truncateAtWord(textOf(element.children), 200);
  return text ? [{ type: 'subheading', text }] : [];
}
