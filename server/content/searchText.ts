/*
 * How search sees text, the same for what is indexed and what is asked: accents folded, case folded, and split
 * into words of letters and digits. Everything else (punctuation, quotes, operators, markup) is a separator, so
 * no character a reader types can reach an engine's query syntax.
 */

/** Where an engine's snippet marks a match begin and end: two private-use characters no stored text keeps. */
export const MATCH_START = '\ue000';
export const MATCH_END = '\ue001';

/** Control characters and the two markers never reach the index, so a snippet's marks are only the engine's. */
// eslint-disable-next-line no-control-regex
const UNSTORED = /[\u0000-\u001f\u007f\ue000\ue001]+/g;

/** "Café Ørsted" → "cafe ørsted": compatibility forms unfolded, combining marks dropped, lower case. */
export const foldAccents = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase();

/** Text as it is stored for search: control characters and marker characters become spaces. */
export const cleanText = (text: string) => text.replace(UNSTORED, ' ');

/** The words of a piece of a query, folded: "Sea-wall's" → ["sea", "wall", "s"]. */
export const wordsOf = (text: string): string[] =>
  foldAccents(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
