import type { AnyNode, ChildNode, Element, Text } from 'domhandler';
import { ElementType, parseDocument } from 'htmlparser2';

/**
 * The few DOM helpers the converters share. The nodes are htmlparser2's (domhandler); entities are decoded by
 * the parser, so text taken from a node is already plain text.
 */

// Script and style elements carry their own node types, so "is an element" has to accept all three.
export const isElement = (node: AnyNode): node is Element => ElementType.isTag(node);
export const isText = (node: AnyNode): node is Text => node.type === ElementType.Text;

export const classList = (element: Element): string[] => (element.attribs.class ?? '').split(/\s+/).filter(Boolean);
export const hasClass = (element: Element, name: string): boolean => classList(element).includes(name);

export const childElements = (element: Element): Element[] => element.children.filter(isElement);

/**
 * How deep the converters go. Every walk over a tree of this depth is short, so a post of thousands of nested
 * elements (by mistake or on purpose) cannot overflow the stack: below this depth an element's content is
 * replaced by its text, which is what a reader of such a post could make of it anyway.
 */
export const MAX_DEPTH = 64;

/** A text node made by the parser itself (domhandler is htmlparser2's dependency, not Byline's). */
function textNode(data: string, parent: Element): Text {
  const node = parseDocument('.').children[0] as Text;
  node.data = data;
  node.parent = parent;
  return node;
}

/**
 * Parses HTML (the parser itself does not recurse) and flattens whatever lies deeper than MAX_DEPTH to its text,
 * calling `flattened` once when it did.
 */
export function parseHtml(html: string, flattened?: () => void): ChildNode[] {
  const document = parseDocument(html);
  let any = false;
  const stack: { element: Element; depth: number }[] = document.children
    .filter(isElement)
    .map((element) => ({ element, depth: 1 }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { element, depth } = item;
    const inner = childElements(element);
    if (!inner.length) continue;
    if (depth < MAX_DEPTH) {
      for (const child of inner) stack.push({ element: child, depth: depth + 1 });
      continue;
    }
    any = true;
    element.children = [textNode(textOf(element.children), element)];
  }
  if (any) flattened?.();
  return document.children;
}

/** Every element below the given nodes, depth first, in document order (a loop: no depth is too deep). */
export function descendants(nodes: readonly AnyNode[]): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isElement(node)) continue;
    found.push(node);
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
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
  // A loop over a stack of nodes and the spaces that close block elements, so any depth is safe.
  const stack: (AnyNode | ' ')[] = (Array.isArray(nodes) ? [...nodes] : [nodes as AnyNode]).reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item === ' ') parts.push(' ');
    else if (isText(item)) parts.push(item.data);
    else if (isElement(item)) {
      if (SILENT.has(item.name) || skip?.(item)) continue;
      if (item.name === 'br') {
        parts.push(' ');
        continue;
      }
      const boundary = !INLINE_TAGS.has(item.name);
      if (boundary) {
        parts.push(' ');
        stack.push(' ');
      }
      for (let index = item.children.length - 1; index >= 0; index--) stack.push(item.children[index]!);
    }
  }
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
