/**
 * The built index.html cut once at its three slots, so that a page is its parts and the rendered strings
 * joined. Nothing rendered (a comment, a site name) ever passes through `String.replace`, whose replacement
 * patterns (`$&`, `` $` ``, `$'`, `$$`) would turn content into instructions and copy the page into itself.
 */
export const SLOTS = ['<!--app-head-->', '<!--app-html-->', '<!--app-state-->'] as const;

export interface PageParts {
  head: string;
  html: string;
  state: string;
}

export type PageTemplate = (parts: PageParts) => string;

export function compileTemplate(template: string): PageTemplate {
  const pieces: string[] = [];
  let rest = template;
  for (const slot of SLOTS) {
    const at = rest.indexOf(slot);
    if (at < 0) throw new Error(`the page template has no ${slot} slot`);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at + slot.length);
  }
  pieces.push(rest);
  const [beforeHead, beforeHtml, beforeState, end] = pieces as [string, string, string, string];
  return ({ head, html, state }) => beforeHead + head + beforeHtml + html + beforeState + state + end;
}

/** `html` with `text` put in place of the first match of `pattern`, taken literally (no replacement patterns). */
export function replaceLiterally(html: string, pattern: RegExp | string, text: string): string {
  return html.replace(pattern, () => text);
}
