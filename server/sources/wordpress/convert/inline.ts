import type { AnyNode } from 'domhandler';
import type { Inline } from '../../../../src/schema/inline';
import type { ConvertContext } from './context';
import { INLINE_TAGS, isElement, isText, textOf } from './dom';
import { isRemovedElement, noteEventHandlers, noteRemoved, noteUnsafeUrl, safeUrl } from './hostile';
import { collapseSpace, truncateAtWord } from './text';

type Style = 'text' | 'emphasis' | 'strong';

/** The schema's limit on a link's text. */
const LINK_TEXT_MAX = 500;

/**
 * Inline content of a paragraph, list item or quote as Byline's runs. Runs are flat, so the outermost style
 * wins (a strong inside an emphasis reads as emphasis) and a link keeps only its text. Any other inline tag
 * (span, code, abbr, …) becomes its text.
 */
export function inlineRuns(nodes: readonly AnyNode[], ctx: ConvertContext): Inline[] {
  const runs: Inline[] = [];
  const walk = (list: readonly AnyNode[], style: Style) => {
    for (const node of list) {
      if (isText(node)) {
        runs.push({ type: style, text: node.data });
        continue;
      }
      if (!isElement(node)) continue;
      noteEventHandlers(node, ctx);
      if (isRemovedElement(node)) {
        noteRemoved(node, ctx);
        continue;
      }
      switch (node.name) {
        case 'br':
          runs.push({ type: style, text: ' ' });
          break;
        case 'em':
        case 'i':
          walk(node.children, style === 'text' ? 'emphasis' : style);
          break;
        case 'strong':
        case 'b':
          walk(node.children, style === 'text' ? 'strong' : style);
          break;
        case 'a': {
          const href = safeUrl(node.attribs.href, ctx);
          if (href === undefined) {
            if (node.attribs.href !== undefined) noteUnsafeUrl(node.attribs.href, 'link', ctx);
            walk(node.children, style);
          } else runs.push({ type: 'link', href, text: textOf(node.children) });
          break;
        }
        case 'img':
          // Block images are taken out of paragraphs before this point; one left here sits inside a sentence.
          ctx.notes.push('left out an image inside text');
          break;
        default:
          // A block element inside inline content (paragraphs in a quote) still separates words.
          if (INLINE_TAGS.has(node.name)) walk(node.children, style);
          else {
            runs.push({ type: 'text', text: ' ' });
            walk(node.children, style);
            runs.push({ type: 'text', text: ' ' });
          }
      }
    }
  };
  walk(nodes, 'text');
  return normalizeRuns(runs);
}

/**
 * Makes runs read the way a browser would show the HTML: white space collapsed and trimmed at the edges,
 * neighbours of one style merged, spaces at a link's edges moved outside it, and empty runs gone.
 */
export function normalizeRuns(input: readonly Inline[]): Inline[] {
  const spaced: Inline[] = [];
  for (const run of input) {
    const text = collapseSpace(run.text);
    if (run.type !== 'link') {
      // Emphasis on white space alone shows nothing; it reads as plain space.
      spaced.push({ type: text.trim() ? run.type : 'text', text });
      continue;
    }
    const inner = text.trim();
    if (text.startsWith(' ')) spaced.push({ type: 'text', text: ' ' });
    if (inner) spaced.push({ type: 'link', href: run.href, text: truncateAtWord(inner, LINK_TEXT_MAX) });
    if (text.endsWith(' ') && inner) spaced.push({ type: 'text', text: ' ' });
  }

  const merged: Inline[] = [];
  for (const run of spaced) {
    const last = merged.at(-1);
    const text = last && /\s$/.test(last.text) && run.type !== 'link' ? run.text.replace(/^ /, '') : run.text;
    if (!text) continue;
    if (last && last.type === run.type && run.type !== 'link') last.text += text;
    else merged.push(run.type === 'link' ? run : { type: run.type, text });
  }

  // Trim the edges; a run that is only white space at an edge disappears.
  while (merged[0] && merged[0].type !== 'link' && !merged[0].text.trim()) merged.shift();
  while (merged.at(-1) && merged.at(-1)!.type !== 'link' && !merged.at(-1)!.text.trim()) merged.pop();
  const first = merged[0];
  if (first && first.type !== 'link') first.text = first.text.trimStart();
  const last = merged.at(-1);
  if (last && last.type !== 'link') last.text = last.text.trimEnd();
  return merged;
}

/** The plain text of some runs, as it would read. */
export const runsText = (runs: readonly Inline[]): string => runs.map((run) => run.text).join('');
