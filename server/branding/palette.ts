/**
 * The backgrounds accent-coloured text stands on in each theme: src/app/styles.css's --paper (the page) and
 * --card (the header, cards, notices). palette.test.ts holds the two files to the same values.
 */
export const THEMES = {
  light: { page: '#fbf9f5', card: '#ffffff' },
  dark: { page: '#14181c', card: '#1d2328' },
} as const;

export type Theme = keyof typeof THEMES;
