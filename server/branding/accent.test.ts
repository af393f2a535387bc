import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accentPair, accentProblems, accentRule, accentShades, accentStyle, AA_TEXT } from './accent';
import { contrast, toHex } from './colour';
import { THEMES } from './palette';

const anyColour = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map((rgb) => toHex(rgb));

describe('accentProblems', () => {
  it('accepts a dark blue for the light theme, deriving a dark-theme colour that passes too', () => {
    expect(accentProblems('#1d5a7a')).toEqual([]);
    const { dark } = accentPair('#1d5a7a');
    for (const background of Object.values(THEMES.dark)) expect(contrast(dark, background)).toBeGreaterThanOrEqual(7);
  });

  it('refuses a pale colour, naming the colour, its ratio and the background', () => {
    expect(accentProblems('#66aadd')).toEqual([
      {
        path: 'accentColor',
        message:
          "#66aadd has a contrast of 2.38:1 against the light theme's page background #fbf9f5; links and buttons " +
          'need at least 4.5:1 (WCAG AA). Use a darker colour.',
      },
      {
        path: 'accentColor',
        message:
          "#66aadd has a contrast of 2.51:1 against the light theme's card background #ffffff; links and buttons " +
          'need at least 4.5:1 (WCAG AA). Use a darker colour.',
      },
    ]);
  });

  it('checks each colour of a pair against its own theme', () => {
    expect(accentProblems({ light: '#8a1c4a', dark: '#f2a7c3' })).toEqual([]);
    const problems = accentProblems({ light: '#8a1c4a', dark: '#8a1c4a' });
    expect(problems.map((problem) => problem.path)).toEqual(['accentColor.dark', 'accentColor.dark']);
    expect(problems[0]!.message).toMatch(
      /^#8a1c4a has a contrast of 1\.99:1 against the dark theme's page background #14181c;.*lighter/,
    );
  });

  it('rounds the ratio down, so a refused colour never shows as passing', () => {
    // #777777 on #ffffff is 4.478:1 (computed independently, in Python, for these expectations).
    const [onCard] = accentProblems('#777777').filter((problem) => problem.message.includes('#ffffff'));
    expect(onCard!.message).toContain('4.47:1');
  });

  it('any colour readable in the light theme is accepted, with readable shades in both themes (property)', () => {
    fc.assert(
      fc.property(anyColour, (light) => {
        fc.pre(Object.values(THEMES.light).every((background) => contrast(light, background) >= AA_TEXT));
        // The derived dark-theme colour always passes, so a single colour is refused only for the light theme.
        expect(accentProblems(light)).toEqual([]);
        const pair = accentPair(light);
        for (const theme of ['light', 'dark'] as const) {
          const shades = accentShades(pair[theme], theme);
          expect(contrast(shades.onAccent, shades.accent)).toBeGreaterThanOrEqual(AA_TEXT);
          expect(contrast(shades.onAccent, shades.hover)).toBeGreaterThanOrEqual(AA_TEXT);
          expect(contrast(shades.accent, shades.wash)).toBeGreaterThanOrEqual(AA_TEXT);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('accentStyle', () => {
  it('is nothing without an accent', () => {
    expect(accentRule({})).toBeUndefined();
    expect(accentStyle({})).toBeUndefined();
  });

  it('sets the custom properties for both themes, with a CSP hash of exactly the rule', async () => {
    const style = accentStyle({ accentColor: { light: '#8a1c4a', dark: '#f2a7c3' } })!;
    expect(style.element).toMatch(
      /^<style>html:root\{--accent:light-dark\(#8a1c4a, #f2a7c3\);--accent-ink:light-dark\(#8a1c4a, #f2a7c3\);--on-accent:light-dark\(#ffffff, #000000\);/,
    );
    const rule = style.element.slice('<style>'.length, -'</style>'.length);
    const { createHash } = await import('node:crypto');
    expect(style.cspSource).toBe(`'sha256-${createHash('sha256').update(rule).digest('base64')}'`);
  });

  it('never lets anything but a colour into the CSS', () => {
    expect(() => accentRule({ accentColor: '#123456;}body{display:none' })).toThrow(/not a #rrggbb colour/);
  });
});
