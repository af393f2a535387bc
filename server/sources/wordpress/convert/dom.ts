import type { AnyNode, ChildNode, Element, Text } from 'domhandler';
import { ElementType, parseDocument } from 'htmlparser2';

/**
 * The few DOM helpers the converters share. The nodes are htmlparser2's (domhandler); entities are decoded by
 * the parser, so text taken from a node is already plain text.
 */

export const parseHtml = (html: string): ChildNode[] => parseDocument(html).children;

// Script and style elements carry their own node types, so "is an element" has to accept all three.
export const isElement = (node: AnyNode): node is Element => ElementType.isTag(node);
export const isText = (node: AnyNode): node is Text => node.type === ElementType.Text;

export const classList = (element: Element): string[] => (element.attribs.class ?? '').split(/\s+/).filter(Boolean);
export const hasClass = (element: Element, name: string): boolean => classList(element).includes(name);

export const childElements = (element: Element): Element[] => element.children.filter(isElement);

/** Every element below the given nodes, depth first, in document order. */
export function descendants(nodes: readonly AnyNode[]): Element[] {
  const found: Element[] = [];
  const walk = (list: readonly AnyNode[]) => {
    for (const node of list) {
      if (!isElement(node)) continue;
      found.push(node);
      walk(node.children);
    }
  };
  walk(nodes);
  return found;
}

export const findFirst = (nodes: readonly AnyNode[], test: (element: Element) => boolean): Element | undefined =>
  descendants(nodes).find(test);

/** Elements whose text a reader must never see, even as plain text. */
const SILENT = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
]);

/**
 * The text of some nodes as a reader would read it: block boundaries become spaces so "<td>a</td><td>b</td>"
 * does not read "ab"; script, style and the like contribute nothing.
 */
export function textOf(nodes: readonly AnyNode[] | AnyNode, skip?: (element: Element) => boolean): string {
  const parts: string[] = [];
  const walk = (list: readonly AnyNode[]) => {
    for (const node of list) {
      if (isText(node)) parts.push(node.data);
      else if (isElement(node)) {
        if (SILENT.has(node.name) || skip?.(node)) continue;
        if (node.name === 'br') parts.push(' ');
        else {
          const boundary = !INLINE_TAGS.has(node.name);
          if (boundary) parts.push(' ');
          walk(node.children);
          if (boundary) parts.push(' ');
        }
      }
    }
  };
  walk(Array.isArray(nodes) ? nodes : [nodes as AnyNode]);
  return parts.join('');
}

/** Phrasing elements: their text flows into the surrounding sentence. */
export const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'br',
  'label',
]);

/** Text of a fragment of HTML (a title, a term name, an excerpt): tags dropped, entities decoded, spaces collapsed. */
export const htmlToText = (html: string): string => textOf(parseHtml(html)).replace(/\s+/g, ' ').trim();
