import type { AnyNode, Element } from 'domhandler';
import { Block } from '../../../../src/schema/blocks';
import { formatPath } from '../../../content';
import { type ConvertContext, type ConvertOptions, newContext, summarizeNotes } from './context';
import { descendants, hasClass, INLINE_TAGS, isElement, MAX_DEPTH, parseHtml, textOf } from './dom';
import {
  convertEmbedBlockquote,
  convertEmbedFigure,
  convertIframe,
  embedBlockquoteProvider,
  isEmbedFigure,
} from './embed';
import { convertHeading, HEADINGS } from './heading';
import { isRemovedElement, isUnwrappedFormElement, noteEventHandlers, noteRemoved } from './hostile';
import { convertImage } from './image';
import { inlineRuns } from './inline';
import { convertList } from './list';
import { convertPullquote, isPullquote } from './pullquote';
import { convertBlockquote } from './quote';
import { convertTable, convertTableFigure } from './table';
import { cleanText } from './text';

/** Elements that only group others: their children are converted as if they stood in their place. */
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'center',
  'body',
  'html',
  'hgroup',
  'figcaption',
  'span',
  'font',
]);

/** Elements read as text, with a note: Byline has no block for them. */
const AS_TEXT = new Set(['pre', 'dl', 'details', 'address', 'dt', 'dd', 'summary', 'caption', 'tbody', 'thead', 'tr']);

/** A link or span wrapping nothing but an image (a linked thumbnail) is that image. */
function wrappedImage(element: Element): Element | undefined {
  if (element.name === 'img') return element;
  if (!INLINE_TAGS.has(element.name) || cleanText(textOf(element.children))) return undefined;
  return descendants(element.children).find((child) => child.name === 'img');
}

/**
 * Inline content stays in the paragraph being built; images and frames inside it stand on their own. Removed
 * markup (a script between two words) is removed where it stands, so it does not split the paragraph.
 */
const staysInline = (node: AnyNode): boolean =>
  !isElement(node) ||
  (isRemovedElement(node) && node.name !== 'iframe') ||
  (INLINE_TAGS.has(node.name) &&
    !wrappedImage(node) &&
    !descendants(node.children).some((child) => child.name === 'iframe'));

/**
 * Sibling nodes as blocks: consecutive inline content (text, links, emphasis) becomes one paragraph, each
 * other element becomes its own block(s). Used for the body, for paragraphs and for containers alike, so
 * a paragraph holding an image becomes a paragraph, an image and a paragraph.
 */
export function convertNodes(nodes: readonly AnyNode[], ctx: ConvertContext): Block[] {
  const blocks: Block[] = [];
  let pending: AnyNode[] = [];
  const flush = () => {
    const content = inlineRuns(pending, ctx);
    if (content.length) blocks.push({ type: 'paragraph', content });
    pending = [];
  };
  for (const node of nodes) {
    if (staysInline(node)) pending.push(node);
    else {
      flush();
      blocks.push(...convertElement(node as Element, ctx));
    }
  }
  flush();
  return blocks;
}

function convertFigure(figure: Element, ctx: ConvertContext): Block[] {
  if (isPullquote(figure)) return convertPullquote(figure, ctx);
  if (isEmbedFigure(figure)) return convertEmbedFigure(figure, ctx);
  const inside = descendants(figure.children);
  if (inside.some((element) => element.name === 'table')) return convertTableFigure(figure, ctx);
  // A gallery is a figure of figures: each becomes its own image.
  if (inside.some((element) => element.name === 'figure')) return convertNodes(figure.children, ctx);
  const img = inside.find((element) => element.name === 'img');
  if (img) return convertImage(img, figure, ctx);
  return convertNodes(figure.children, ctx);
}

/** One element that does not flow inline, dispatched to the converter for its kind. */
export function convertElement(element: Element, ctx: ConvertContext): Block[] {
  noteEventHandlers(element, ctx);
  if (element.name === 'iframe') return convertIframe(element, ctx);
  if (isRemovedElement(element)) {
    noteRemoved(element, ctx);
    return [];
  }
  if (isUnwrappedFormElement(element)) {
    noteRemoved(element, ctx);
    return convertNodes(element.children, ctx);
  }
  if (HEADINGS.has(element.name)) return convertHeading(element);
  if (hasClass(element, 'wp-block-separator') || element.name === 'hr') return [{ type: 'divider' }];
  if (isPullquote(element)) return convertPullquote(element, ctx);
  if (hasClass(element, 'wp-caption')) {
    const img = descendants(element.children).find((child) => child.name === 'img');
    if (img) return convertImage(img, element, ctx);
  }
  const image = wrappedImage(element);
  if (image) return convertImage(image, undefined, ctx);
  switch (element.name) {
    case 'p':
      return convertNodes(element.children, ctx);
    case 'ul':
    case 'ol':
      return convertList(element, ctx);
    case 'blockquote':
      return embedBlockquoteProvider(element) ? convertEmbedBlockquote(element, ctx) : convertBlockquote(element, ctx);
    case 'figure':
      return convertFigure(element, ctx);
    case 'table':
      return convertTable(element, ctx);
    case 'li':
      return convertNodes(element.children, ctx);
  }
  if (CONTAINERS.has(element.name) || INLINE_TAGS.has(element.name)) return convertNodes(element.children, ctx);
  ctx.notes.push(`converted <${element.name}> to text`);
  const text = cleanText(textOf(element.children));
  if (AS_TEXT.has(element.name) || !text) return text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [];
  return convertNodes(element.children, ctx);
}

/**
 * The longest post HTML converted (characters). Far beyond any article (a long read is some 100 000): what is
 * longer is refused whole rather than cut, as a cut story would read as complete.
 */
export const MAX_BODY_LENGTH = 2_000_000;

export interface ConvertedBody {
  blocks: Block[];
  /** What was changed or left out, one line each, repeats counted: log them with the post id. */
  notes: string[];
}

/**
 * A post's content.rendered as Byline's body blocks. Every block is checked against the schema; one that does
 * not pass (which the converters should never produce) is left out with a note naming the fault, never kept.
 */
export function convertBody(html: string, options: ConvertOptions = {}): ConvertedBody {
  if (html.length > MAX_BODY_LENGTH) {
    // The caller skips the post with this message and goes on with the others.
    throw new Error(`its content is ${html.length} characters, more than the ${MAX_BODY_LENGTH} converted`);
  }
  const ctx = newContext(options);
  const nodes = parseHtml(html, () => ctx.notes.push(`flattened to text what was nested over ${MAX_DEPTH} deep`));
  const blocks: Block[] = [];
  for (const block of tidy(convertNodes(nodes, ctx))) {
    const checked = Block.safeParse(block);
    if (checked.success) blocks.push(checked.data);
    else {
      const issue = checked.error.issues[0];
      ctx.notes.push(`left out an invalid ${block.type} block: ${formatPath(issue?.path ?? [])}: ${issue?.message}`);
    }
  }
  return { blocks, notes: summarizeNotes(ctx.notes) };
}

/** Dividers only separate: none at the start or end, never two in a row. */
function tidy(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.type === 'divider' && (!out.length || out.at(-1)?.type === 'divider')) continue;
    out.push(block);
  }
  while (out.at(-1)?.type === 'divider') out.pop();
  return out;
}
