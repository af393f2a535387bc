import { sectionSlug, type SearchFacets, type SearchFilters, type SearchHit, type SnippetPart } from '../../src/schema';
import { MATCH_END, MATCH_START, searchDocument, type SearchDocument, type SearchQuery } from '../content';
import type { Db } from './open';
import type { Candidate, EngineSearch, Executor, HitRow } from './searchEngine';
import { postgresSearch, textSearchConfig } from './searchPostgres';
import { sqliteSearch } from './searchSqlite';
import { parseStoredStory, type StoredStory } from './storedStory';
import type { Engine } from './tables';

export { textSearchConfig };

/*
 * Full-text search over published stories, one ability on both engines:
 * - SQLite (searchSqlite.ts): an FTS5 table (`search_fts`, porter stemming over unicode61 with diacritics
 *   removed) whose rowid is the story's place in time; ranked by bm25 with the headline weighted above what
 *   stands beside it, above the body.
 * - PostgreSQL (searchPostgres.ts): `story_search`, a tsvector per story (headline A, beside it B, body C) under
 *   a GIN index, in the text search configuration of the site's language; ranked by ts_rank. Accents are folded
 *   by Byline before the text reaches the configuration (server/content/searchText.ts), so no extension
 *   (unaccent) is needed.
 * Both rank and count only the newest SEARCH_CANDIDATES matches, and multiply relevance by a recency boost. The
 * index is written in the transaction of every content write (server/store/content.ts), so a publish, edit or
 * withdrawal is in the results the moment it commits.
 */

export interface SearchRequest {
  query: SearchQuery;
  filters: SearchFilters;
  offset: number;
  limit: number;
}

export interface SearchAnswer {
  /** Matches counted: all of them, or the newest SEARCH_CANDIDATES when `more` says there are more. */
  total: number;
  more: boolean;
  results: SearchHit[];
  facets: SearchFacets;
}

/** Splits an engine's marked snippet into plain parts; the markers never occur in stored text. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [index, piece] of marked.split(MATCH_START).entries()) {
    const [inside, after] = index === 0 ? [undefined, piece] : splitOnce(piece, MATCH_END);
    if (inside) parts.push({ text: inside, match: true });
    if (after) parts.push({ text: after.replaceAll(MATCH_END, ''), match: false });
  }
  return parts;
}

function splitOnce(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + marker.length)];
}

function toHit(summary: StoredStory['summary'], snippet: string): SearchHit {
  return {
    slug: summary.slug,
    headline: summary.headline,
    section: summary.section,
    author: summary.author,
    publishedAt: summary.publishedAt,
    snippet: snippetParts(snippet),
  };
}

/** The page's results, each with a snippet cut from its own stored text (the index keeps no copy of it). */
async function withSnippets(search: EngineSearch, db: Executor, query: SearchQuery, rows: readonly HitRow[]) {
  const stories = rows.map((row) => parseStoredStory(row.doc));
  const snippets = await search.snippets(
    db,
    query,
    stories.map((stored) => searchDocument(stored.story, stored.summary.author.name)),
  );
  return stories.map((stored, index) => toHit(stored.summary, snippets[index] ?? ''));
}

/** Counts by one key, most first, then by key. */
function countBy(rows: readonly Candidate[], key: 'section' | 'year') {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row[key], (counts.get(row[key]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * How many of the newest matches are ranked and counted: enough for every page a reader can reach (SEARCH_DEPTH)
 * and for a month or more of a daily paper's stories on a word in most of them.
 */
export const SEARCH_CANDIDATES = 1000;

/** The settings row naming how the index was built; a different answer at start rebuilds it. */
const BUILT_KEY = 'search_index';

export function searchStore(db: Db, engine: Engine, language?: string, bound = SEARCH_CANDIDATES) {
  const config = textSearchConfig(language);
  const search = engine === 'postgres' ? postgresSearch(config) : sqliteSearch();
  const builtAs = engine === 'postgres' ? `postgres:${config}:3` : 'sqlite:porter-unicode61:3';

  /**
   * Ranks and counts the newest `bound` matches only: a word in most of a large archive costs the same as a word
   * in a thousand stories. Each facet counts as if its own filter were off, so a reader sees where else the query
   * leads; when no such filter is set, the candidates serve it as they are.
   */
  async function find({ query, filters, offset, limit }: SearchRequest): Promise<SearchAnswer> {
    const scope = filters;
    const candidates = await search.candidates(db, query, scope, bound);
    const [bySection, byYear, hits] = await Promise.all([
      scope.section ? search.candidates(db, query, { ...scope, section: undefined }, bound) : candidates,
      scope.from || scope.to
        ? search.candidates(db, query, { ...scope, from: undefined, to: undefined }, bound)
        : candidates,
      candidates.length === 0 ? [] : search.hits(db, query, scope, candidates, offset, limit),
    ]);
    const results = await withSnippets(search, db, query, hits);
    const sectionNames = new Map(bySection.map((row) => [row.section, sectionSlug(row.section)]));
    return {
      total: candidates.length,
      more: candidates.length >= bound,
      results,
      facets: {
        sections: countBy(bySection, 'section').map(([name, count]) => ({
          slug: sectionNames.get(name)!,
          name,
          count,
        })),
        years: countBy(byYear, 'year')
          .map(([year, count]) => ({ year, count }))
          .sort((a, b) => b.year.localeCompare(a.year)),
      },
    };
  }

  /** Builds the index for every live story unless it was built this way already (a new store, a new language). */
  async function prepare(): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await search.holdForBuild(trx);
      const built = await trx.selectFrom('settings').select('value').where('key', '=', BUILT_KEY).executeTakeFirst();
      if (built?.value === builtAs) return;
      await search.rebuild(trx, liveDocuments(trx));
      await trx
        .insertInto('settings')
        .values({ key: BUILT_KEY, value: builtAs })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: builtAs }))
        .execute();
    });
  }

  /** Every live story's search document, a thousand at a time in slug order. */
  async function* liveDocuments(trx: Executor): AsyncGenerator<SearchDocument[]> {
    let after = '';
    for (;;) {
      const rows = await trx
        .selectFrom('stories')
        .select(['slug', 'doc'])
        .where('withdrawn', '=', 0)
        .where('slug', '>', after)
        .orderBy('slug')
        .limit(1000)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((row) => {
        const stored = parseStoredStory(row.doc);
        return searchDocument(stored.story, stored.summary.author.name);
      });
      after = rows.at(-1)!.slug;
    }
  }

  return {
    find,
    prepare,
    /** What the content writer calls inside its transaction. */
    index: { put: search.put.bind(search), remove: search.remove.bind(search) },
  };
}

export type SearchIndex = ReturnType<typeof searchStore>['index'];
