import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SearchFilters } from '../../src/schema';
import type { SearchDocument, SearchQuery } from '../content';
import type { Tables } from './tables';
import { taggedWith } from './tags';

/* What each engine's search (searchSqlite.ts, searchPostgres.ts) gives server/store/search.ts, and shares. */

export type Executor = Kysely<Tables>;

/** Recency: a story from today counts half again as much as an equally relevant one years old. */
export const RECENCY_DAYS = 90;

/** A result of the page: the story's stored document; its snippet is cut afterwards from the story's own text. */
export interface HitRow {
  slug: string;
  doc: string;
}

/** What narrows a search besides its words; the section is its slug, as readers give it. */
export type Scope = SearchFilters;

/** One of the newest matches: what facets count, and the engine's own key for it (ranked by `hits`). */
export interface Candidate {
  section: string;
  year: string;
  key: unknown;
}

/** Where search reads from and writes to, per engine. */
export interface EngineSearch {
  put(trx: Executor, documents: readonly SearchDocument[]): Promise<void>;
  remove(trx: Executor, slugs: readonly string[]): Promise<void>;
  /**
   * Holds the index for this transaction alone, so servers opening together check and build it one after
   * another (a second one then finds it built) rather than at once, which deadlocked on PostgreSQL.
   */
  holdForBuild(trx: Executor): Promise<void>;
  /** Empties the index and fills it again with every live story's document, in batches; each engine in bulk. */
  rebuild(trx: Executor, batches: AsyncIterable<readonly SearchDocument[]>): Promise<void>;
  /** The newest `bound` live matches in scope, newest first: the set that is ranked and counted. */
  candidates(db: Executor, query: SearchQuery, scope: Scope, bound: number): Promise<Candidate[]>;
  /** A page of the candidates (the newest matches in scope, newest first), best first. */
  hits(
    db: Executor,
    query: SearchQuery,
    scope: Scope,
    candidates: readonly Candidate[],
    offset: number,
    limit: number,
  ): Promise<HitRow[]>;
  /**
   * Each document's body with the query's words marked (MATCH_START, MATCH_END), cut around them: the page's
   * results only, from the stories' own text, so the index keeps no copy of it.
   */
  snippets(db: Executor, query: SearchQuery, documents: readonly SearchDocument[]): Promise<string[]>;
}

export const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

/** The scope's own filters (section, author and tag) on the index row `r`; dates are each engine's own. */
export function rowFilters(scope: Scope): RawBuilder<unknown>[] {
  const parts: RawBuilder<unknown>[] = [];
  if (scope.section) parts.push(sql`r.section_slug = ${scope.section}`);
  if (scope.author) parts.push(sql`r.author_id = ${scope.author}`);
  if (scope.tag) parts.push(taggedWith(scope.tag, 'r.slug'));
  return parts;
}
