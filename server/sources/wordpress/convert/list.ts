import type { Element } from 'domhandler';
import type { Block } from '../../../../src/schema/blocks';
import type { Inline } from '../../../../src/schema/inline';
import type { ConvertContext } from './context';
import { childElements } from './dom';
import { inlineRuns } from './inline';

const isList = (element: Element) => element.name === 'ul' || element.name === 'ol';

/**
 * ul and ol become a list block. Byline's lists have one level, so a nested list's items follow their parent
 * item in the same list (and a note says so) rather than being lost.
 */
export function convertList(element: Element, ctx: ConvertContext): Block[] {
  const items: Inline[][] = [];
  const collect = (list: Element) => {
    for (const item of childElements(list)) {
      if (item.name !== 'li') continue;
      const nested = childElements(item).filter(isList);
      const runs = inlineRuns(
        item.children.filter((child) => !nested.includes(child as Element)),
        ctx,
      );
      if (runs.length) items.push(runs);
      for (const sublist of nested) {
        ctx.notes.push('flattened a nested list');
        collect(sublist);
      }
    }
  };
  collect(element);
  return items.length ? [{ type: 'list', ordered: element.name === 'ol', items }] : [];
}
