import type { Element } from 'domhandler';
import {
  type ConvertContext,
  type ConvertOptions,
  newContext,
} from '../../../server/sources';
import { descendants, parseHtml } from '../../../server/sources';

/** Test helper: the first element of some HTML, with a fresh context to convert it in. */
export function elementOf(html: string, options: ConvertOptions = {}): { element: Element; ctx: ConvertContext } {
  const element = descendants(parseHtml(html))[0];
  if (!element) throw new Error(`no element in ${html}`);
  return { element, ctx: newContext(options) };
}
