import { wordsOf } from './searchText';

/**
 * A reader's query as Byline understands it, the syntax people know from web search:
 * words (all must match), "an exact phrase", -excluded (a word or a phrase), `a OR b`, and the last word
 * matched as a prefix while it is still being typed (no space after it). Each engine's own syntax is written
 * from this tree by the store (server/store/searchSyntax.ts), never from the reader's text.
 */

/** One or more words in order (a phrase when several); `prefix`: the last word may be the start of a longer one. */
export interface Term {
  words: string[];
  prefix: boolean;
}

/** Terms any of which may match (`a OR b`); a single term most of the time. */
export type Clause = Term[];

export interface SearchQuery {
  /** Every clause must match. */
  all: Clause[];
  /** No story matching one of these is shown. */
  none: Term[];
}

export type ParsedQuery = { ok: true; query: SearchQuery } | { ok: false; reason: 'empty' | 'only-excluded' };

/** Longest query read; the rest is ignored (a query is a few words, not a document). */
export const MAX_QUERY_LENGTH = 200;
/** Terms read in a query: enough for any honest query, few enough that no query is costly. */
export const MAX_TERMS = 12;

const TOKEN = /(-?)"([^"]*)"?|(\S+)/g;

interface Token {
  negated: boolean;
  words: string[];
  quoted: boolean;
  or: boolean;
}

function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [, quotedMinus, quoted, bare] = match;
    if (quoted !== undefined) {
      found.push({ negated: quotedMinus === '-', words: wordsOf(quoted), quoted: true, or: false });
    } else if (bare === 'OR') {
      found.push({ negated: false, words: [], quoted: false, or: true });
    } else {
      const negated = bare!.startsWith('-') && bare!.length > 1;
      found.push({ negated, words: wordsOf(negated ? bare!.slice(1) : bare!), quoted: false, or: false });
    }
  }
  return found;
}

/** Reads a query. Never throws: anything typed is some query, or a reason there is nothing to search for. */
export function parseQuery(raw: string): ParsedQuery {
  const text = raw.slice(0, MAX_QUERY_LENGTH);
  const all: Clause[] = [];
  const none: Term[] = [];
  let joinNext = false;
  let lastBare: Term | undefined;
  let terms = 0;
  for (const token of tokens(text)) {
    lastBare = undefined;
    if (token.or) {
      // OR between two terms joins them; a leading, trailing or doubled OR is just ignored.
      joinNext = all.length > 0;
      continue;
    }
    if (token.words.length === 0 || terms >= MAX_TERMS) continue;
    terms++;
    const term: Term = { words: token.words, prefix: false };
    if (!token.quoted && !token.negated) lastBare = term;
    if (token.negated) {
      none.push(term);
      joinNext = false;
    } else if (joinNext) {
      all.at(-1)!.push(term);
      joinNext = false;
    } else {
      all.push([term]);
    }
  }
  // Still typing the last word: it may be the start of a longer one ("harb" finds "harbour").
  if (lastBare && !/\s$/.test(text) && all.some((clause) => clause.includes(lastBare!))) lastBare.prefix = true;
  if (all.length > 0) return { ok: true, query: { all, none } };
  return { ok: false, reason: none.length > 0 ? 'only-excluded' : 'empty' };
}
