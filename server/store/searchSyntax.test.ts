import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, type SearchQuery } from '../content';
import { fts5Query, tsQuery } from './searchSyntax';

const query = (text: string): SearchQuery => {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(result.reason);
  return result.query;
};

describe('each engine’s syntax for a parsed query', () => {
  it('quotes every FTS5 term and keeps exclusions outside the rest', () => {
    expect(fts5Query(query('"sea wall" ferry OR boat -mill harb'))).toBe(
      '(("sea wall" AND ("ferry" OR "boat") AND "harb"*) NOT "mill")',
    );
  });

  it('quotes every tsquery word, with phrases as <-> and the typed prefix as :*', () => {
    expect(tsQuery(query('"sea wall" ferry OR boat -mill harb'))).toBe(
      "('sea' <-> 'wall') & ('ferry' | 'boat') & 'harb':* & !'mill'",
    );
  });

  it('writes FTS5 that SQLite accepts for anything typed', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2')`);
    db.prepare('INSERT INTO t (body) VALUES (?)').run('The harbour seals and the sea wall');
    const match = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?');
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string(), fc.constantFrom('"', '-', 'OR', 'AND', 'NOT', 'NEAR(', '*', '^', ':', '(', ')')),
          {
            maxLength: 10,
          },
        ),
        (pieces) => {
          const parsed = parseQuery(pieces.join(' '));
          if (parsed.ok) expect(() => match.get(fts5Query(parsed.query))).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
    expect(match.get(fts5Query(query('"sea wall" harb')))).toEqual({ n: 1 });
    db.close();
  });
});
