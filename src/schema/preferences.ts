/**
 * The reader's preferences travel in two cookies, read by the boot script (src/app/boot.ts, which repeats these
 * names: it is inlined on its own), the app (src/lib/preferences.tsx) and the server's preference form
 * (server/pageForms.ts).
 */
export const THEME_COOKIE = 'byline-theme';
export const TEXT_SIZE_COOKIE = 'byline-text-size';
export const THEMES = ['system', 'light', 'dark'] as const;
/** Text size steps are 0 to TEXT_SIZE_STEPS - 1; DEFAULT_TEXT_SIZE is the standard size. */
export const TEXT_SIZE_STEPS = 5;
export const DEFAULT_TEXT_SIZE = 1;
/** How long the preference cookies last: a year, in seconds. */
export const PREFERENCE_MAX_AGE = 60 * 60 * 24 * 365;
