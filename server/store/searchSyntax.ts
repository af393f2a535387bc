import type { SearchQuery, Term } from '../content';

/*
 * A parsed query (server/content/searchQuery.ts) in each engine's own syntax. Every word reaching here is letters and
 * digits only (server/content/searchText.ts), and each is quoted all the same: no reader's text is ever read as syntax.
 */

const fts5Term = (term: Term) => `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`;
const fts5Clause = (clause: Term[]) =>
  clause.length === 1 ? fts5Term(clause[0]!) : `(${clause.map(fts5Term).join(' OR ')})`;

/** An FTS5 MATCH expression. */
export function fts5Query(query: SearchQuery): string {
  let expression = `(${query.all.map(fts5Clause).join(' AND ')})`;
  for (const term of query.none) expression = `(${expression} NOT ${fts5Term(term)})`;
  return expression;
}

const tsTerm = (term: Term) => {
  const words = term.words.map(
    (word, index) => `'${word}'${term.prefix && index === term.words.length - 1 ? ':*' : ''}`,
  );
  return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
};
const tsClause = (clause: Term[]) => (clause.length === 1 ? tsTerm(clause[0]!) : `(${clause.map(tsTerm).join(' | ')})`);

/** A PostgreSQL `to_tsquery` string (the configuration then stems each quoted word). */
export function tsQuery(query: SearchQuery): string {
  return [...query.all.map(tsClause), ...query.none.map((term) => `!${tsTerm(term)}`)].join(' & ');
}
