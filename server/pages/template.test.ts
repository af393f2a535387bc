import { describe, expect, it } from 'vitest';
import { compileTemplate, replaceLiterally } from './template';

const TEMPLATE =
  '<html><head><!--app-head--></head><body><div id="root"><!--app-html--></div><!--app-state--></body></html>';

describe('the page template', () => {
  it('puts text with replacement patterns in its slots exactly as given', () => {
    const hostile = "Costs $$5 and AMP[$&] BACK[$`] FWD[$'] $1 $<name>";
    const page = compileTemplate(TEMPLATE)({
      head: `<title>${hostile}</title>`,
      html: `<p>${hostile}</p>`,
      state: hostile,
    });
    expect(page).toBe(
      `<html><head><title>${hostile}</title></head><body><div id="root"><p>${hostile}</p></div>${hostile}</body></html>`,
    );
    expect(page.match(/<html>/g)).toHaveLength(1);
  });

  it('refuses a template without one of its slots', () => {
    expect(() => compileTemplate('<html><!--app-head--><!--app-html--></html>')).toThrow(/app-state/);
  });

  it('replaces literally, without replacement patterns', () => {
    expect(replaceLiterally('<html lang="en">', /<html lang="[^"]*"/, '<html lang="$&$`">')).toBe(
      '<html lang="$&$`">>',
    );
  });
});
