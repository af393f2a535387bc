import { createHash } from 'node:crypto';
import type { Site } from '../../src/schema/site';
import { contrast, lightnessOf, mix, withLightness } from './colour';
import { THEMES, type Theme } from './palette';

/** WCAG 2 AA for text of normal size. */
export const AA_TEXT = 4.5;
/** What a derived dark-theme accent aims for (AAA), as the built-in dark accent has. */
const DERIVED_TARGET = 7;

type AccentSetting = NonNullable<Site['accentColor']>;

/** The accent of each theme: as given, or the dark one derived from the light. */
export function accentPair(setting: AccentSetting): Record<Theme, string> {
  if (typeof setting !== 'string') return setting;
  return { light: setting, dark: derivedDark(setting) };
}

/**
 * The light accent made light enough for the dark theme: same hue and saturation, its lightness raised until it
 * stands out 7:1 from both dark backgrounds (white, at the end of the climb, always does).
 */
function derivedDark(light: string): string {
  const readable = (colour: string) =>
    Object.values(THEMES.dark).every((background) => contrast(colour, background) >= DERIVED_TARGET);
  for (let lightness = lightnessOf(light); lightness < 1; lightness += 0.01) {
    const colour = withLightness(light, lightness);
    if (readable(colour)) return colour;
  }
  return '#ffffff';
}

/** Ratios shown rounded down, so a colour refused at 4.496:1 never reads as 4.50:1. */
const ratio = (value: number) => `${(Math.floor(value * 100) / 100).toFixed(2)}:1`;

/**
 * Why the accent cannot be used, one sentence per theme and background where its text would be too faint (none
 * when it can): the colour, its ratio, the background, and which way to move.
 */
export function accentProblems(setting: AccentSetting): { path: string; message: string }[] {
  const pair = accentPair(setting);
  const problems: { path: string; message: string }[] = [];
  for (const theme of ['light', 'dark'] as const) {
    for (const [name, background] of Object.entries(THEMES[theme])) {
      const measured = contrast(pair[theme], background);
      if (measured >= AA_TEXT) continue;
      problems.push({
        path: typeof setting === 'string' ? 'accentColor' : `accentColor.${theme}`,
        message:
          `${pair[theme]} has a contrast of ${ratio(measured)} against the ${theme} theme's ${name} background ` +
          `${background}; links and buttons need at least ${AA_TEXT}:1 (WCAG AA). Use a ` +
          `${theme === 'light' ? 'darker' : 'lighter'} colour.`,
      });
    }
  }
  return problems;
}

/** Everything the stylesheet colours with the accent, for one theme. */
export function accentShades(accent: string, theme: Theme) {
  const page = THEMES[theme].page;
  const onAccent = contrast(accent, '#ffffff') >= contrast(accent, '#000000') ? '#ffffff' : '#000000';
  // Hovering moves the button away from its text: darker under white text, lighter under black.
  const lightness = lightnessOf(accent);
  const hover = withLightness(accent, onAccent === '#ffffff' ? lightness - 0.08 : lightness + 0.08);
  // A faint tint of the accent behind accent text (a secondary button under the pointer), faint enough to keep AA.
  let tint = 0.12;
  while (tint > 0 && contrast(accent, mix(page, accent, tint)) < AA_TEXT) tint -= 0.02;
  return { accent, onAccent, hover, wash: mix(page, accent, Math.max(0, tint)) };
}

/**
 * The stylesheet rule that puts the site's accent in place of the built-in one, in both themes, or undefined when
 * site.json sets none. Made only of #rrggbb values (parseHex refuses anything else), so no text from the file
 * reaches the page's CSS. `html:root` outranks styles.css's `:root`, whichever stylesheet comes last.
 */
export function accentRule(site: Pick<Site, 'accentColor'>): string | undefined {
  if (!site.accentColor) return undefined;
  const pair = accentPair(site.accentColor);
  const [light, dark] = [accentShades(pair.light, 'light'), accentShades(pair.dark, 'dark')];
  const both = (pick: (shades: typeof light) => string) => `light-dark(${pick(light)}, ${pick(dark)})`;
  return (
    `html:root{--accent:${both((s) => s.accent)};--accent-ink:${both((s) => s.accent)};` +
    `--on-accent:${both((s) => s.onAccent)};--accent-hover:${both((s) => s.hover)};` +
    `--accent-wash:${both((s) => s.wash)}}`
  );
}

/** The <style> element for the page's head, and the CSP source that allows exactly it; none without an accent. */
export function accentStyle(site: Pick<Site, 'accentColor'>): { element: string; cspSource: string } | undefined {
  const rule = accentRule(site);
  if (!rule) return undefined;
  return {
    element: `<style>${rule}</style>`,
    cspSource: `'sha256-${createHash('sha256').update(rule).digest('base64')}'`,
  };
}
