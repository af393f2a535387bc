import * as z from 'zod/mini';
import { AuthorRef } from './api';
import { Slug } from './primitives';

/** A day, as the search filters take it: YYYY-MM-DD. */
export const SearchDay = z.iso.date({ error: 'Use a date such as 2026-11-20 (year-month-day)' });

/**
 * What `GET /api/search` reads besides `q` and `cursor`. Each filter is checked on its own, so a 400 names every
 * field at fault at once.
 */
export const SearchFilters = z
  .object({
    section: z.optional(Slug),
    author: z.optional(Slug),
    tag: z.optional(Slug),
    from: z.optional(SearchDay),
    to: z.optional(SearchDay),
  })
  .check(
    z.refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
      path: ['to'],
      error: 'The end date is before the start date',
    }),
  );
export type SearchFilters = z.infer<typeof SearchFilters>;

/** A piece of a snippet; `match` marks the words the query found. Plain text: never markup. */
export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

export const SearchHit = z.object({
  slug: Slug,
  headline: z.string(),
  section: z.string(),
  author: AuthorRef,
  publishedAt: z.string(),
  snippet: z.array(SnippetPart),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchFacets = z.object({
  sections: z.array(z.object({ slug: z.string(), name: z.string(), count: z.number() })),
  years: z.array(z.object({ year: z.string(), count: z.number() })),
});
export type SearchFacets = z.infer<typeof SearchFacets>;

/**
 * One page of search results. `problem` says why there are none when the query had nothing to search for
 * (`empty`: no words; `only-excluded`: only -words), so a page can help rather than say "no results".
 */
export const SearchPage = z.object({
  query: z.string(),
  problem: z.optional(z.enum(['empty', 'only-excluded'])),
  total: z.number(),
  results: z.array(SearchHit),
  facets: SearchFacets,
  nextCursor: z.nullable(z.string()),
  notes: z.array(z.string()),
});
export type SearchPage = z.infer<typeof SearchPage>;
