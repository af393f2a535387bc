/**
 * "Maya Okafor-Lind" -> "MO": first letters of the first and last words. Letters are taken whole (code points),
 * never half of a surrogate pair: "𝒜da" gives "𝒜", where a UTF-16 index would give a lone surrogate that the
 * server writes as U+FFFD and the browser keeps, so the page would fail to hydrate.
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const firstLetter = (word: string | undefined) => (word ? String.fromCodePoint(word.codePointAt(0)!) : '');
  const first = firstLetter(words[0]) || '?';
  const last = words.length > 1 ? firstLetter(words.at(-1)) : '';
  return (first + last).toUpperCase();
}
