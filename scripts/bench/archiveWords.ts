/*
 * The generated archive's vocabulary: a few thousand made-up words drawn with a Zipf-like frequency (the word of
 * rank r about 1/r as often as the commonest), as words are in any newsroom's text. The commonest words are in
 * nearly every story, a word of rank 100 in about a third of them, one of rank 1000 in a few per cent, the rarest
 * in fewer than one in a hundred: search meets the spread of matches a real archive gives it.
 */

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
const SYLLABLES = [...CONSONANTS].flatMap((consonant) => [...VOWELS].map((vowel) => consonant + vowel));
/** Made-up words that happen to be English stop words (PostgreSQL's english configuration drops them). */
const STOP = new Set(['more', 'some', 'same', 'none', 'done', 'made', 'make', 'take', 'gave', 'give', 'like']);

/** Distinct letters-only words, shortest first: the common words are the short ones, as in real text. */
function vocabulary(size: number): string[] {
  const words: string[] = [];
  for (let rank = 0; words.length < size; rank++) {
    const first = SYLLABLES[rank % SYLLABLES.length]!;
    const second = SYLLABLES[Math.floor(rank / SYLLABLES.length) % SYLLABLES.length]!;
    // (first, second) is distinct for every rank below 70², so every word is; longer words for the rarer ranks.
    const third = rank >= 300 ? SYLLABLES[(rank * 7) % SYLLABLES.length]! : '';
    const word = first + second + third;
    if (!STOP.has(word)) words.push(word);
  }
  return words;
}

export const ARCHIVE_WORDS = vocabulary(4000);

/** Cumulative Zipf weights (exponent 1) over the vocabulary, for sampling by binary search. */
const CUMULATIVE = (() => {
  let sum = 0;
  const out = ARCHIVE_WORDS.map((_, rank) => (sum += 1 / (rank + 1)));
  return out.map((value) => value / sum);
})();

/** A small deterministic generator (mulberry32): the same seed gives the same words on every machine. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A word drawn by its Zipf frequency. */
export function zipfWord(random: () => number): string {
  const target = random();
  let low = 0;
  let high = CUMULATIVE.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (CUMULATIVE[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return ARCHIVE_WORDS[low]!;
}
