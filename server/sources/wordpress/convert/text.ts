/** Plain-text helpers: these work on text already taken out of the DOM, never on HTML. */

/** Runs of white space (new lines, tabs, no-break spaces) read as one space. */
export const collapseSpace = (text: string): string => text.replace(/\s+/g, ' ');

export const cleanText = (text: string): string => collapseSpace(text).trim();

/**
 * Shortens text to at most `max` characters, cutting at the last word boundary and adding an ellipsis, so a long
 * caption or heading fits the schema's limit instead of failing it. A single word longer than the limit is cut.
 */
export function truncateAtWord(text: string, max: number): string {
  const clean = cleanText(text);
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  // When the next character is a space, the room ends on a whole word.
  const cut = clean[room.length] === ' ' ? room.length : room.lastIndexOf(' ');
  const head = cut > max / 2 ? room.slice(0, cut) : room;
  return `${head.replace(/[\s,;:.–—-]+$/, '')}…`;
}
