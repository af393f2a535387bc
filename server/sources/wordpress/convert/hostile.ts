import type { Element } from 'domhandler';
import { isSafeUrl } from '../../../../src/schema/url';
import type { ConvertContext } from './context';

/**
 * Markup that must never reach a reader. Byline keeps no attributes but href, src, alt and sizes, so event
 * handlers and inline styles go with everything else; what is listed here is removed with its content,
 * because that content is code, a third party's frame or a widget that means nothing as text.
 */
const REMOVED_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'picture',
  'source',
  'track',
  'input',
  'select',
  'textarea',
  'button',
  'option',
  'link',
  'meta',
  'base',
  'head',
  'title',
  'dialog',
  'map',
  'area',
]);

/** Form containers: removed as forms, while any text they hold (a label, a sentence) stays readable. */
const UNWRAPPED = new Set(['form', 'fieldset', 'legend', 'label', 'output']);

export const isRemovedElement = (element: Element): boolean => REMOVED_WITH_CONTENT.has(element.name);
export const isUnwrappedFormElement = (element: Element): boolean => UNWRAPPED.has(element.name);

/** Notes a removed element (and is the single place that words these notes). */
export function noteRemoved(element: Element, ctx: ConvertContext): void {
  ctx.notes.push(`removed <${element.name}>`);
}

/** Event handler attributes are never copied anyway; noting them tells the editor the post held script. */
export function noteEventHandlers(element: Element, ctx: ConvertContext): void {
  for (const name of Object.keys(element.attribs)) {
    if (name.startsWith('on')) ctx.notes.push(`removed event handler ${name} on <${element.name}>`);
  }
}

/**
 * A link or image address Byline can show: an http(s) URL or a site path. Protocol-relative addresses get https,
 * relative ones are resolved against the site; javascript:, data: and other schemes give undefined.
 */
export function safeUrl(value: string | undefined, ctx: ConvertContext): string | undefined {
  const raw = value?.trim();
  if (!raw || raw.startsWith('#')) return undefined;
  let candidate = raw;
  if (raw.startsWith('//')) candidate = `https:${raw}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(raw) && !raw.startsWith('/') && ctx.baseUrl) {
    try {
      candidate = new URL(raw, ctx.baseUrl).href;
    } catch {
      return undefined;
    }
  }
  return isSafeUrl(candidate) ? candidate : undefined;
}

/** Only schemes that could run or smuggle content are worth a note; a bare "#top" anchor is not. */
export function noteUnsafeUrl(value: string | undefined, what: string, ctx: ConvertContext): void {
  const raw = value?.trim() ?? '';
  // Browsers ignore white space and control characters inside a scheme ("java\tscript:"), so the note does too.
  const compact = [...raw].filter((char) => char.charCodeAt(0) > 0x20).join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') ctx.notes.push(`removed ${scheme}: ${what}`);
  else if (raw && !raw.startsWith('#')) ctx.notes.push(`removed ${what} with unusable address`);
}
