import { sql, type Kysely, type RawBuilder } from 'kysely';
import { sectionSlug, type SearchFacets, type SearchFilters, type SearchHit, type SnippetPart } from '../../src/schema';
import { foldAccents, MATCH_END, MATCH_START, searchDocument, type SearchDocument, type SearchQuery } from '../content';
import { storeNow } from './liveStories';
import type { Db } from './open';
import { fts5Query, tsQuery } from './searchSyntax';
import { parseStoredStory } from './storedStory';
import type { Engine, Tables } from './tables';
import { taggedWith } from './tags';

type Executor = Kysely<Tables>;

/*
 * Full-text search over published stories, one ability on both engines:
 * - SQLite: an FTS5 table (`search_fts`, porter stemming over unicode61 with diacritics removed) whose rowid is
 *   the story row's; ranked by bm25 with the headline weighted above what stands beside it, above the body.
 * - PostgreSQL: `story_search`, a tsvector per story (headline A, beside it B, body C) under a GIN index, in the
 *   text search configuration of the site's language; ranked by ts_rank. Accents are folded by Byline before
 *   the text reaches the configuration (server/content/searchText.ts), so no extension (unaccent) is needed.
 * Both multiply relevance by a recency boost. The index is written in the transaction of every content write
 * (server/store/content.ts), so a publish, edit or withdrawal is in the results the moment it commits.
 */

/** PostgreSQL's own text search configurations, by language subtag; any other language is matched unstemmed. */
const PG_CONFIGS: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

export const textSearchConfig = (language = 'en') => PG_CONFIGS[language.toLowerCase().split('-')[0] ?? ''] ?? 'simple';

/** Rows per multi-row statement: inside both engines' limits on bound values (4 per row). */
const CHUNK = 200;

/** Recency: a story from today counts half again as much as an equally relevant one years old. */
const RECENCY_DAYS = 90;

export interface SearchRequest {
  query: SearchQuery;
  filters: SearchFilters;
  offset: number;
  limit: number;
}

export interface SearchAnswer {
  total: number;
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

interface HitRow {
  slug: string;
  doc: string;
  snippet: string;
}

function toHit(row: HitRow): SearchHit {
  const { summary } = parseStoredStory(row.doc);
  return {
    slug: summary.slug,
    headline: summary.headline,
    section: summary.section,
    author: summary.author,
    publishedAt: summary.publishedAt,
    snippet: snippetParts(row.snippet),
  };
}

/** What a filter set adds to the WHERE clause; `s` is the stories row. Section names are given, not slugs. */
function filterSql(filters: SearchFilters & { sectionNames?: string[] }, skip: 'section' | 'dates' | 'none') {
  // Live and due: a story dated ahead is indexed when written, and found once its time comes (storeNow).
  const parts: RawBuilder<unknown>[] = [sql`s.withdrawn = 0`, sql`s.published_at <= ${storeNow()}`];
  if (filters.sectionNames && skip !== 'section') {
    parts.push(filters.sectionNames.length === 0 ? sql`1 = 0` : sql`s.section IN (${sql.join(filters.sectionNames)})`);
  }
  if (filters.author) parts.push(sql`s.author_id = ${filters.author}`);
  if (filters.tag) parts.push(taggedWith(filters.tag));
  if (filters.from && skip !== 'dates') parts.push(sql`s.published_at >= ${`${filters.from}T00:00:00.000Z`}`);
  if (filters.to && skip !== 'dates') parts.push(sql`s.published_at < ${dayAfter(filters.to)}`);
  return sql.join(parts, sql` AND `);
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

/** Where search reads from and writes to, per engine: the index table, the match test and the ranking. */
interface EngineSearch {
  put(trx: Executor, documents: readonly SearchDocument[]): Promise<void>;
  remove(trx: Executor, slugs: readonly string[]): Promise<void>;
  clear(trx: Executor): Promise<void>;
  /** `FROM … WHERE` for the stories matching `query`, with `s` the stories row. */
  matching(query: SearchQuery): { from: RawBuilder<unknown>; where: RawBuilder<unknown> };
  hits(query: SearchQuery, where: RawBuilder<unknown>, offset: number, limit: number): RawBuilder<HitRow>;
}

function sqliteSearch(): EngineSearch {
  // CROSS JOIN keeps the full-text match as the outer loop: with filters on the stories, SQLite's planner would
  // otherwise walk the stories and run the match once per row (seconds on a large archive).
  const from = sql`search_fts CROSS JOIN stories s ON s.rowid = search_fts.rowid`;
  const score = sql`bm25(search_fts, 10.0, 4.0, 1.0) * (1 + 0.5 / (1 + max(0, julianday('now') - julianday(s.published_at)) / ${RECENCY_DAYS}))`;
  return {
    async put(trx, documents) {
      await this.remove(
        trx,
        documents.map((doc) => doc.slug),
      );
      for (let at = 0; at < documents.length; at += CHUNK) {
        const rows = documents
          .slice(at, at + CHUNK)
          .map(
            (doc) =>
              sql`((SELECT rowid FROM stories WHERE slug = ${doc.slug}), ${doc.headline}, ${doc.extra}, ${doc.body})`,
          );
        await sql`INSERT INTO search_fts (rowid, headline, extra, body) VALUES ${sql.join(rows)}`.execute(trx);
      }
    },
    async remove(trx, slugs) {
      for (let at = 0; at < slugs.length; at += CHUNK * 4) {
        const part = slugs.slice(at, at + CHUNK * 4);
        await sql`DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM stories WHERE slug IN (${sql.join(part)}))`.execute(
          trx,
        );
      }
    },
    async clear(trx) {
      await sql`DELETE FROM search_fts`.execute(trx);
    },
    matching: (query) => ({ from, where: sql`search_fts MATCH ${fts5Query(query)}` }),
    hits: (query, where, offset, limit) => sql<HitRow>`
      SELECT s.slug, s.doc, snippet(search_fts, 2, ${MATCH_START}, ${MATCH_END}, '…', 24) AS snippet
      FROM ${from} WHERE search_fts MATCH ${fts5Query(query)} AND ${where}
      ORDER BY ${score}, s.slug LIMIT ${limit} OFFSET ${offset}`,
  };
}

function postgresSearch(config: string): EngineSearch {
  const from = sql`story_search x JOIN stories s ON s.slug = x.slug`;
  const vector = (text: string, weight: string) =>
    sql`setweight(to_tsvector(${config}::regconfig, ${foldAccents(text)}), ${sql.lit(weight)})`;
  const headlineOptions = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
  return {
    async put(trx, documents) {
      for (let at = 0; at < documents.length; at += CHUNK) {
        const rows = documents
          .slice(at, at + CHUNK)
          .map(
            (doc) =>
              sql`(${doc.slug}, ${vector(doc.headline, 'A')} || ${vector(doc.extra, 'B')} || ${vector(doc.body, 'C')}, ${doc.body})`,
          );
        await sql`INSERT INTO story_search (slug, document, body) VALUES ${sql.join(rows)}
          ON CONFLICT (slug) DO UPDATE SET document = excluded.document, body = excluded.body`.execute(trx);
      }
    },
    async remove(trx, slugs) {
      for (let at = 0; at < slugs.length; at += CHUNK * 4) {
        const part = slugs.slice(at, at + CHUNK * 4);
        await sql`DELETE FROM story_search WHERE slug IN (${sql.join(part)})`.execute(trx);
      }
    },
    async clear(trx) {
      await sql`DELETE FROM story_search`.execute(trx);
    },
    matching: (query) => ({
      from,
      where: sql`x.document @@ to_tsquery(${config}::regconfig, ${tsQuery(query)})`,
    }),
    // Ranked in the inner query; only the page's rows pay for their headline.
    hits: (query, where, offset, limit) => sql<HitRow>`
      WITH q AS (SELECT to_tsquery(${config}::regconfig, ${tsQuery(query)}) AS q),
      ranked AS (
        SELECT s.slug, s.doc, x.body,
          ts_rank(x.document, q.q, 1) * (1 + 0.5 / (1 + GREATEST(0, EXTRACT(EPOCH FROM (now() - s.published_at::timestamptz)) / 86400) / ${RECENCY_DAYS})) AS score
        FROM ${from}, q WHERE x.document @@ q.q AND ${where}
        ORDER BY score DESC, s.slug LIMIT ${limit} OFFSET ${offset})
      SELECT ranked.slug, ranked.doc, ts_headline(${config}::regconfig, ranked.body, q.q, ${headlineOptions}) AS snippet
      FROM ranked, q ORDER BY ranked.score DESC, ranked.slug`,
  };
}

/** The settings row naming how the index was built; a different answer at start rebuilds it. */
const BUILT_KEY = 'search_index';

export function searchStore(db: Db, engine: Engine, language?: string) {
  const config = textSearchConfig(language);
  const search = engine === 'postgres' ? postgresSearch(config) : sqliteSearch();
  const builtAs = engine === 'postgres' ? `postgres:${config}:1` : 'sqlite:porter-unicode61:1';

  async function sectionNames(slug: string): Promise<string[]> {
    const rows = await db.selectFrom('stories').select('section').distinct().where('withdrawn', '=', 0).execute();
    return rows.map((row) => row.section).filter((name) => sectionSlug(name) === slug);
  }

  async function find({ query, filters, offset, limit }: SearchRequest): Promise<SearchAnswer> {
    const scoped = { ...filters, sectionNames: filters.section ? await sectionNames(filters.section) : undefined };
    const { from, where: match } = search.matching(query);
    const where = (skip: 'section' | 'dates' | 'none') => sql`${match} AND ${filterSql(scoped, skip)}`;
    const count = async (skip: 'section' | 'dates' | 'none', group: RawBuilder<unknown>) =>
      (
        await sql<{ key: string; n: number }>`
          SELECT ${group} AS key, CAST(COUNT(*) AS INTEGER) AS n FROM ${from} WHERE ${where(skip)}
          GROUP BY ${group} ORDER BY n DESC, key`.execute(db)
      ).rows;
    const [hits, sections, years] = await Promise.all([
      search.hits(query, filterSql(scoped, 'none'), offset, limit).execute(db),
      // A facet counts as if its own filter were off, so a reader sees where else the query leads.
      count('section', sql`s.section`),
      count('dates', sql`substr(s.published_at, 1, 4)`),
    ]);
    // The total is the section counts the section filter lets through: one pass over the matches fewer.
    const total = sections
      .filter((row) => !scoped.sectionNames || scoped.sectionNames.includes(row.key))
      .reduce((sum, row) => sum + row.n, 0);
    return {
      total,
      results: hits.rows.map(toHit),
      facets: {
        sections: sections.map((row) => ({ slug: sectionSlug(row.key), name: row.key, count: row.n })),
        years: years.map((row) => ({ year: row.key, count: row.n })).sort((a, b) => b.year.localeCompare(a.year)),
      },
    };
  }

  /** Builds the index for every live story unless it was built this way already (a new store, a new language). */
  async function prepare(): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const built = await trx.selectFrom('settings').select('value').where('key', '=', BUILT_KEY).executeTakeFirst();
      if (built?.value === builtAs) return;
      await search.clear(trx);
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
        if (rows.length === 0) break;
        await search.put(
          trx,
          rows.map((row) => {
            const stored = parseStoredStory(row.doc);
            return searchDocument(stored.story, stored.summary.author.name);
          }),
        );
        after = rows.at(-1)!.slug;
      }
      await trx
        .insertInto('settings')
        .values({ key: BUILT_KEY, value: builtAs })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: builtAs }))
        .execute();
    });
  }

  return {
    find,
    prepare,
    /** What the content writer calls inside its transaction. */
    index: { put: search.put.bind(search), remove: search.remove.bind(search) },
  };
}

export type SearchIndex = ReturnType<typeof searchStore>['index'];
