/**
 * The reader's preferences travel in two cookies, read by the boot script (src/app/boot.ts, which repeats these
 * names: it is inlined on its own), the app (src/lib/preferences.tsx) and the server's preference form
 * (server/pages/forms.ts).
 */
export const THEME_COOKIE = 'byline-theme';
export const TEXT_SIZE_COOKIE = 'byline-text-size';
export const THEMES = ['system', 'light', 'dark'] as const;
/** Text size steps are 0 to TEXT_SIZE_STEPS - 1; DEFAULT_TEXT_SIZE is the standard size. */
export const TEXT_SIZE_STEPS = 5;
export const DEFAULT_TEXT_SIZE = 1;
/** How long the preference cookies last: a year, in seconds. */
export const PREFERENCE_MAX_AGE = 60 * 60 * 24 * 365;

export type Theme = (typeof THEMES)[number];

/** A theme cookie's value as a theme; anything else (no cookie, a stale value) is the system's. */
export const themeOf = (value: string | undefined): Theme => (value === 'light' || value === 'dark' ? value : 'system');

/** A text-size cookie's value as a step; anything else (no cookie, out of range) is the default size. */
export function textSizeOf(value: string | undefined): number {
  const size = Number(value);
  return Number.isInteger(size) && size >= 0 && size < TEXT_SIZE_STEPS ? size : DEFAULT_TEXT_SIZE;
}

/**
 * The <html> attributes that show a reader's preferences (as the boot script sets them): none for the defaults,
 * so the page is the same for every reader who has not chosen.
 */
export function preferenceAttributes({ theme, textSize }: { theme: Theme; textSize: number }): Record<string, string> {
  return {
    ...(theme === 'system' ? {} : { 'data-theme': theme }),
    ...(textSize === DEFAULT_TEXT_SIZE ? {} : { 'data-text-size': String(textSize) }),
  };
}
