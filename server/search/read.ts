import { SearchFilters, type SearchPage } from '../../src/schema';
import { CursorError, decodeSearchCursor, encodeSearchCursor, SEARCH_DEPTH } from '../store';
import type { Store } from '../store';
import { MAX_QUERY_LENGTH, parseQuery } from '../content';

/** Results per page. Fixed: one page size, fewer cache entries. */
export const SEARCH_PAGE_SIZE = 10;

/** The query parameters search reads; nothing else in the URL changes its answer (or its cache entry). */
export const SEARCH_PARAMS = ['q', 'section', 'author', 'tag', 'from', 'to', 'cursor'] as const;
export type SearchParams = Partial<Record<(typeof SEARCH_PARAMS)[number], string>>;

export type SearchInput =
  | { ok: true; q: string; filters: SearchFilters; offset: number; params: SearchParams }
  | { ok: false; fields: Record<string, string> };

/** Reads and checks a search request's parameters; every fault is named by its field. */
export function readSearchInput(raw: (name: string) => string | undefined): SearchInput {
  const params: SearchParams = {};
  for (const name of SEARCH_PARAMS) {
    const value = raw(name);
    if (value !== undefined && value !== '') params[name] = value;
  }
  const fields: Record<string, string> = {};
  const { q = '', cursor, ...filterParams } = params;
  if (q.length > MAX_QUERY_LENGTH * 5) fields.q = `A search can be at most ${MAX_QUERY_LENGTH} characters`;
  const filters = SearchFilters.safeParse(filterParams);
  if (!filters.success) for (const issue of filters.error.issues) fields[String(issue.path[0])] ??= issue.message;
  let offset = 0;
  try {
    if (cursor) offset = decodeSearchCursor(cursor);
  } catch (error) {
    if (!(error instanceof CursorError)) throw error;
    fields.cursor = error.message;
  }
  if (Object.keys(fields).length > 0 || !filters.success) return { ok: false, fields };
  return { ok: true, q, filters: filters.data, offset, params };
}

const NO_FACETS = { sections: [], years: [] };

/** Said when a query matches more stories than are ranked: the reader learns how to reach older ones. */
const newestOnly = (counted: number) =>
  `More than ${counted.toLocaleString('en')} stories match: these are the best of the newest ${counted.toLocaleString('en')}. ` +
  'Add a word, a section or dates to reach older ones.';

/** One page of results for a checked request: what the API sends and the search page shows. */
export async function searchPage(
  search: Store['search'],
  input: Extract<SearchInput, { ok: true }>,
): Promise<SearchPage> {
  const notes: string[] = [];
  const parsed = parseQuery(input.q);
  if (!parsed.ok) {
    return {
      query: input.q,
      problem: parsed.reason,
      total: 0,
      results: [],
      facets: NO_FACETS,
      nextCursor: null,
      notes,
    };
  }
  const { more, ...answer } = await search.find({
    query: parsed.query,
    filters: input.filters,
    offset: input.offset,
    limit: SEARCH_PAGE_SIZE,
  });
  const next = input.offset + SEARCH_PAGE_SIZE;
  if (more) notes.push(newestOnly(answer.total));
  return {
    query: input.q,
    ...answer,
    nextCursor: next < answer.total && next <= SEARCH_DEPTH ? encodeSearchCursor(next) : null,
    notes,
  };
}
