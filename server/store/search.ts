import { sql, type Kysely, type RawBuilder } from 'kysely';
import { sectionSlug, type SearchFacets, type SearchFilters, type SearchHit, type SnippetPart } from '../../src/schema';
import { foldAccents, MATCH_END, MATCH_START, searchDocument, type SearchDocument, type SearchQuery } from '../content';
import { storeNow } from './liveStories';
import type { Db } from './open';
import { fts5Query, tsQuery } from './searchSyntax';
import { parseStoredStory } from './storedStory';
import type { Engine, Tables } from './tables';

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

/** What narrows a search besides its words; the section is its slug, as readers give it. */
type Scope = Omit<SearchFilters, 'tag'>;

/** One of the newest matches: what facets count, and where the set ends (`floor`: the oldest one's place). */
interface Candidate {
  section: string;
  year: string;
  floor: unknown;
}

/** Where search reads from and writes to, per engine. */
interface EngineSearch {
  put(trx: Executor, documents: readonly SearchDocument[]): Promise<void>;
  remove(trx: Executor, slugs: readonly string[]): Promise<void>;
  /** Empties the index and fills it again through `fill`; an engine may build its index faster in bulk. */
  rebuild(trx: Executor, fill: () => Promise<void>): Promise<void>;
  /** The newest `bound` live matches in scope, newest first: the set that is ranked and counted. */
  candidates(db: Executor, query: SearchQuery, scope: Scope, bound: number): Promise<Candidate[]>;
  /** A page of the matches in scope no older than `floor` (the candidates), best first. */
  hits(
    db: Executor,
    query: SearchQuery,
    scope: Scope,
    floor: unknown,
    offset: number,
    limit: number,
  ): Promise<HitRow[]>;
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

/** The scope's own filters (section and author) on the index row `r`; dates are each engine's own. */
function rowFilters(scope: Scope): RawBuilder<unknown>[] {
  const parts: RawBuilder<unknown>[] = [];
  if (scope.section) parts.push(sql`r.section_slug = ${scope.section}`);
  if (scope.author) parts.push(sql`r.author_id = ${scope.author}`);
  return parts;
}

/**
 * SQLite: the full-text rowid is the story's place in time (`POSITIONS_PER_MS` places per millisecond of its
 * date), so the newest matches are FTS5's own rowid order read backwards and a date range is a rowid range; the
 * row of `search_rows` with that rowid holds the story's slug, section, author and date.
 */
const POSITIONS_PER_MS = 256;

const positionAt = (iso: string) => Date.parse(iso) * POSITIONS_PER_MS;

/** A stable spread of the places within one millisecond, so stories of the same date rarely need a second try. */
function slugSpread(slug: string): number {
  let hash = 2166136261;
  for (let at = 0; at < slug.length; at++) hash = Math.imul(hash ^ slug.charCodeAt(at), 16777619);
  return (hash >>> 0) % POSITIONS_PER_MS;
}

/** FTS5's own default, restored after a bulk build. */
const FTS5_AUTOMERGE = 4;
/** SQLite's page cache while the index is built in bulk: negative is KiB (64 MB), for that build only. */
const BUILD_CACHE_KIB = -65_536;

function sqliteSearch(): EngineSearch {
  const from = sql`search_fts CROSS JOIN search_rows r ON r.position = search_fts.rowid`;
  /** Live and due (a story dated ahead is indexed when written, found once its time comes), within the dates. */
  const where = (query: SearchQuery, scope: Scope) => {
    const now = Date.parse(storeNow());
    let below = (now + 1) * POSITIONS_PER_MS;
    if (scope.to) below = Math.min(below, positionAt(dayAfter(scope.to)));
    const parts = [sql`search_fts MATCH ${fts5Query(query)}`, sql`search_fts.rowid < ${below}`, ...rowFilters(scope)];
    if (scope.from) parts.push(sql`search_fts.rowid >= ${positionAt(`${scope.from}T00:00:00.000Z`)}`);
    return sql.join(parts, sql` AND `);
  };
  /** Free places for `documents`, apart from each other and from the places already taken. */
  async function places(trx: Executor, documents: readonly SearchDocument[]): Promise<number[]> {
    const wanted = documents.map((doc) => positionAt(doc.publishedAt) + slugSpread(doc.slug));
    const taken = new Set(
      (
        await sql<{
          position: number;
        }>`SELECT position FROM search_rows WHERE position IN (${sql.join(wanted)})`.execute(trx)
      ).rows.map((row) => row.position),
    );
    return wanted.map((position) => {
      while (taken.has(position))
        position =
          position % POSITIONS_PER_MS === POSITIONS_PER_MS - 1 ? position - POSITIONS_PER_MS + 1 : position + 1;
      taken.add(position);
      return position;
    });
  }
  return {
    async put(trx, documents) {
      await this.remove(
        trx,
        documents.map((doc) => doc.slug),
      );
      for (let at = 0; at < documents.length; at += CHUNK) {
        const chunk = documents.slice(at, at + CHUNK);
        const positions = await places(trx, chunk);
        const rows = chunk.map(
          (doc, index) =>
            sql`(${positions[index]}, ${doc.slug}, ${doc.section}, ${sectionSlug(doc.section)}, ${doc.authorId}, ${doc.publishedAt})`,
        );
        await sql`INSERT INTO search_rows (position, slug, section, section_slug, author_id, published_at) VALUES ${sql.join(rows)}`.execute(
          trx,
        );
        const texts = chunk.map((doc, index) => sql`(${positions[index]}, ${doc.headline}, ${doc.extra}, ${doc.body})`);
        await sql`INSERT INTO search_fts (rowid, headline, extra, body) VALUES ${sql.join(texts)}`.execute(trx);
      }
    },
    async remove(trx, slugs) {
      for (let at = 0; at < slugs.length; at += CHUNK * 4) {
        const part = slugs.slice(at, at + CHUNK * 4);
        await sql`DELETE FROM search_fts WHERE rowid IN (SELECT position FROM search_rows WHERE slug IN (${sql.join(part)}))`.execute(
          trx,
        );
        await sql`DELETE FROM search_rows WHERE slug IN (${sql.join(part)})`.execute(trx);
      }
    },
    async rebuild(trx, fill) {
      await sql`DELETE FROM search_fts`.execute(trx);
      await sql`DELETE FROM search_rows`.execute(trx);
      // In bulk, FTS5 merging its segments as it goes rewrites the index many times over: it merges once at the
      // end instead (optimize: one segment, one b-tree per word for queries), with a larger page cache meanwhile.
      const cache = (await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(trx)).rows[0]?.cache_size ?? -2000;
      await sql`PRAGMA cache_size = ${sql.lit(BUILD_CACHE_KIB)}`.execute(trx);
      await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)`.execute(trx);
      await fill();
      await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(trx);
      await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', ${sql.lit(FTS5_AUTOMERGE)})`.execute(
        trx,
      );
      await sql`PRAGMA cache_size = ${sql.lit(cache)}`.execute(trx);
    },
    async candidates(db, query, scope, bound) {
      // CROSS JOIN keeps the full-text match as the outer loop, read newest first, stopping at the bound.
      const rows = await sql<{ floor: number; section: string; year: string }>`
        SELECT search_fts.rowid AS floor, r.section AS section, substr(r.published_at, 1, 4) AS year
        FROM ${from} WHERE ${where(query, scope)} ORDER BY search_fts.rowid DESC LIMIT ${bound}`.execute(db);
      return rows.rows;
    },
    async hits(db, query, scope, floor, offset, limit) {
      const score = sql`bm25(search_fts, 10.0, 4.0, 1.0) * (1 + 0.5 / (1 + max(0, julianday('now') - julianday(r.published_at)) / ${RECENCY_DAYS}))`;
      const page = (
        await sql<{ position: number }>`
          SELECT search_fts.rowid AS position FROM ${from} WHERE ${where(query, scope)} AND search_fts.rowid >= ${floor}
          ORDER BY ${score}, search_fts.rowid DESC LIMIT ${limit} OFFSET ${offset}`.execute(db)
      ).rows.map((row) => row.position);
      if (page.length === 0) return [];
      // Snippets for the page's rows alone.
      const rows = await sql<HitRow & { position: number }>`
        SELECT search_fts.rowid AS position, s.slug, s.doc, snippet(search_fts, 2, ${MATCH_START}, ${MATCH_END}, '…', 24) AS snippet
        FROM ${from} CROSS JOIN stories s ON s.slug = r.slug
        WHERE search_fts MATCH ${fts5Query(query)} AND search_fts.rowid IN (${sql.join(page)})`.execute(db);
      const byPosition = new Map(rows.rows.map((row) => [row.position, row]));
      return page.flatMap((position) => byPosition.get(position) ?? []);
    },
  };
}

function postgresSearch(config: string): EngineSearch {
  const vector = (text: string, weight: string) =>
    sql`setweight(to_tsvector(${config}::regconfig, ${foldAccents(text)}), ${sql.lit(weight)})`;
  const headlineOptions = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
  const tsquery = (query: SearchQuery) => sql`to_tsquery(${config}::regconfig, ${tsQuery(query)})`;
  /** Live and due, within the scope; `r` is the index row. */
  const where = (query: SearchQuery, scope: Scope) => {
    const parts = [sql`r.document @@ ${tsquery(query)}`, sql`r.published_at <= ${storeNow()}::timestamptz`];
    parts.push(...rowFilters(scope));
    if (scope.from) parts.push(sql`r.published_at >= ${`${scope.from}T00:00:00.000Z`}::timestamptz`);
    if (scope.to) parts.push(sql`r.published_at < ${dayAfter(scope.to)}::timestamptz`);
    return sql.join(parts, sql` AND `);
  };
  const GIN = sql`CREATE INDEX story_search_document ON story_search USING gin (document)`;
  return {
    async put(trx, documents) {
      for (let at = 0; at < documents.length; at += CHUNK) {
        const rows = documents.slice(at, at + CHUNK).map(
          (doc) =>
            sql`(${doc.slug}, ${doc.section}, ${sectionSlug(doc.section)}, ${doc.authorId}, ${doc.publishedAt}::timestamptz,
                ${vector(doc.headline, 'A')} || ${vector(doc.extra, 'B')} || ${vector(doc.body, 'C')}, ${doc.body})`,
        );
        await sql`INSERT INTO story_search (slug, section, section_slug, author_id, published_at, document, body)
          VALUES ${sql.join(rows)}
          ON CONFLICT (slug) DO UPDATE SET section = excluded.section, section_slug = excluded.section_slug,
            author_id = excluded.author_id, published_at = excluded.published_at, document = excluded.document,
            body = excluded.body`.execute(trx);
      }
    },
    async remove(trx, slugs) {
      for (let at = 0; at < slugs.length; at += CHUNK * 4) {
        const part = slugs.slice(at, at + CHUNK * 4);
        await sql`DELETE FROM story_search WHERE slug IN (${sql.join(part)})`.execute(trx);
      }
    },
    async rebuild(trx, fill) {
      // A GIN index built once over every row is many times faster than one grown row by row.
      await sql`DROP INDEX story_search_document`.execute(trx);
      await sql`TRUNCATE story_search`.execute(trx);
      await fill();
      await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
      await GIN.execute(trx);
    },
    async candidates(db, query, scope, bound) {
      const rows = await sql<{ at: string; slug: string; section: string; year: string }>`
        SELECT r.published_at::text AS at, r.slug, r.section, to_char(r.published_at AT TIME ZONE 'UTC', 'YYYY') AS year
        FROM story_search r WHERE ${where(query, scope)} ORDER BY r.published_at DESC, r.slug DESC LIMIT ${bound}`.execute(
        db,
      );
      return rows.rows.map((row) => ({ section: row.section, year: row.year, floor: [row.at, row.slug] }));
    },
    async hits(db, query, scope, floor, offset, limit) {
      const [at, slug] = floor as [string, string];
      // Ranked in the inner query; only the page's rows pay for their headline.
      const rows = await sql<HitRow>`
        WITH q AS (SELECT ${tsquery(query)} AS q),
        ranked AS (
          SELECT r.slug, r.body,
            ts_rank(r.document, q.q, 1) * (1 + 0.5 / (1 + GREATEST(0, EXTRACT(EPOCH FROM (now() - r.published_at)) / 86400) / ${RECENCY_DAYS})) AS score
          FROM story_search r, q WHERE ${where(query, scope)} AND (r.published_at, r.slug) >= (${at}::timestamptz, ${slug})
          ORDER BY score DESC, r.slug LIMIT ${limit} OFFSET ${offset})
        SELECT ranked.slug, s.doc, ts_headline(${config}::regconfig, ranked.body, q.q, ${headlineOptions}) AS snippet
        FROM ranked JOIN stories s ON s.slug = ranked.slug, q ORDER BY ranked.score DESC, ranked.slug`.execute(db);
      return rows.rows;
    },
  };
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
  const builtAs = engine === 'postgres' ? `postgres:${config}:2` : 'sqlite:porter-unicode61:2';

  /**
   * Ranks and counts the newest `bound` matches only: a word in most of a large archive costs the same as a word
   * in a thousand stories. Each facet counts as if its own filter were off, so a reader sees where else the query
   * leads; when no such filter is set, the candidates serve it as they are.
   */
  async function find({ query, filters, offset, limit }: SearchRequest): Promise<SearchAnswer> {
    const { tag: _tag, ...scope } = filters;
    const candidates = await search.candidates(db, query, scope, bound);
    const [bySection, byYear, hits] = await Promise.all([
      scope.section ? search.candidates(db, query, { ...scope, section: undefined }, bound) : candidates,
      scope.from || scope.to
        ? search.candidates(db, query, { ...scope, from: undefined, to: undefined }, bound)
        : candidates,
      candidates.length === 0 ? [] : search.hits(db, query, scope, candidates.at(-1)!.floor, offset, limit),
    ]);
    const sectionNames = new Map(bySection.map((row) => [row.section, sectionSlug(row.section)]));
    return {
      total: candidates.length,
      more: candidates.length >= bound,
      results: hits.map(toHit),
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
      const built = await trx.selectFrom('settings').select('value').where('key', '=', BUILT_KEY).executeTakeFirst();
      if (built?.value === builtAs) return;
      await search.rebuild(trx, async () => {
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
      });
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
