import { sql, type RawBuilder } from 'kysely';
import { sectionSlug } from '../../src/schema';
import { foldAccents, MATCH_END, MATCH_START, type SearchDocument, type SearchQuery } from '../content';
import { storeNow } from './liveStories';
import { chunks, KEYS_PER_STATEMENT } from './chunks';
import { dayAfter, RECENCY_DAYS, rowFilters, type EngineSearch, type HitRow, type Scope } from './searchEngine';
import { tsQuery } from './searchSyntax';

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

export function postgresSearch(config: string): EngineSearch {
  // The configuration is one of PG_CONFIGS' own names, never a reader's text: written as a literal, because the
  // bulk build's CREATE TABLE AS takes no bound parameters.
  const regconfig = sql`${sql.lit(config)}::regconfig`;
  const vector = (text: RawBuilder<unknown>, weight: string) =>
    sql`setweight(to_tsvector(${regconfig}, ${text}), ${sql.lit(weight)})`;
  /** A story's tsvector from its folded texts (values or columns): headline A, what stands beside it B, body C. */
  const documentOf = (headline: RawBuilder<unknown>, extra: RawBuilder<unknown>, body: RawBuilder<unknown>) =>
    sql`${vector(headline, 'A')} || ${vector(extra, 'B')} || ${vector(body, 'C')}`;
  const folded = (text: string) => sql`${foldAccents(text)}`;
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
      for (const chunk of chunks(documents)) {
        const rows = chunk.map(
          (doc) =>
            sql`(${doc.slug}, ${doc.section}, ${sectionSlug(doc.section)}, ${doc.authorId}, ${doc.publishedAt}::timestamptz,
                ${documentOf(folded(doc.headline), folded(doc.extra), folded(doc.body))})`,
        );
        await sql`INSERT INTO story_search (slug, section, section_slug, author_id, published_at, document)
          VALUES ${sql.join(rows)}
          ON CONFLICT (slug) DO UPDATE SET section = excluded.section, section_slug = excluded.section_slug,
            author_id = excluded.author_id, published_at = excluded.published_at, document = excluded.document`.execute(
          trx,
        );
      }
    },
    async remove(trx, slugs) {
      for (const part of chunks(slugs, KEYS_PER_STATEMENT)) {
        await sql`DELETE FROM story_search WHERE slug IN (${sql.join(part)})`.execute(trx);
      }
    },
    async holdForBuild(trx) {
      await sql`SELECT pg_advisory_xact_lock(hashtext('byline:search-index'))`.execute(trx);
    },
    async rebuild(trx, batches) {
      // Building is one statement after another that takes seconds per 10,000 stories: the reader's statement
      // timeout is for queries, not for this one-off build, so it is lifted for this transaction alone.
      await sql`SET LOCAL statement_timeout = 0`.execute(trx);
      await sql`DROP INDEX story_search_document`.execute(trx);
      await sql`TRUNCATE story_search`.execute(trx);
      // Turning text into tsvectors is most of the work, and one statement runs on one core: the folded texts go
      // into a scratch table first, and CREATE TABLE AS (which PostgreSQL runs with parallel workers, unlike
      // INSERT … SELECT) computes the vectors, read into story_search at the end. Both scratch tables are
      // UNLOGGED (no WAL for data thrown away at commit) and not TEMP (parallel workers cannot read those).
      await sql`CREATE UNLOGGED TABLE search_build_texts (slug text, section text, section_slug text, author_id text,
        published_at timestamptz, headline text, extra text, body text)`.execute(trx);
      await sql`ALTER TABLE search_build_texts ALTER COLUMN body SET STORAGE EXTERNAL`.execute(trx);
      // One statement per batch, each column one array: eight bound values however large the batch (a multi-row
      // VALUES measured no faster).
      for await (const documents of batches) {
        const columns = (pick: (doc: SearchDocument) => string) => documents.map(pick);
        await sql`INSERT INTO search_build_texts
          SELECT * FROM unnest(${columns((doc) => doc.slug)}::text[], ${columns((doc) => doc.section)}::text[],
            ${columns((doc) => sectionSlug(doc.section))}::text[], ${columns((doc) => doc.authorId)}::text[],
            ${columns((doc) => doc.publishedAt)}::timestamptz[], ${columns((doc) => foldAccents(doc.headline))}::text[],
            ${columns((doc) => foldAccents(doc.extra))}::text[], ${columns((doc) => foldAccents(doc.body))}::text[])`.execute(
          trx,
        );
      }
      const column = (name: string) => sql.ref(`t.${name}`);
      await sql`CREATE UNLOGGED TABLE search_build_rows AS
        SELECT t.slug, t.section, t.section_slug, t.author_id, t.published_at,
          ${documentOf(column('headline'), column('extra'), column('body'))} AS document
        FROM search_build_texts t`.execute(trx);
      await sql`INSERT INTO story_search (slug, section, section_slug, author_id, published_at, document)
        SELECT slug, section, section_slug, author_id, published_at, document FROM search_build_rows`.execute(trx);
      await sql`DROP TABLE search_build_texts, search_build_rows`.execute(trx);
      // A GIN index built once over every row, as PostgreSQL advises for bulk loads, rather than grown row by row.
      await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
      await GIN.execute(trx);
      // Statistics now, as PostgreSQL advises after a bulk load, not whenever autovacuum comes round: whether the
      // planner walks the newest-first index or reads the GIN index depends on how common each word is.
      await sql`ANALYZE story_search`.execute(trx);
    },
    async candidates(db, query, scope, bound) {
      const rows = await sql<{ slug: string; section: string; year: string }>`
        SELECT r.slug, r.section, to_char(r.published_at AT TIME ZONE 'UTC', 'YYYY') AS year
        FROM story_search r WHERE ${where(query, scope)} ORDER BY r.published_at DESC, r.slug DESC LIMIT ${bound}`.execute(
        db,
      );
      return rows.rows.map((row) => ({ section: row.section, year: row.year, key: row.slug }));
    },
    async hits(db, query, _scope, candidates, offset, limit) {
      // Ranked by key among the candidates: matching the query again, as SQLite does, would read every one of
      // their tsvectors twice, and for a rare phrase scan the archive twice.
      const slugs = candidates.map((candidate) => candidate.key as string);
      const rows = await sql<HitRow>`
        WITH q AS (SELECT ${tsquery(query)} AS q),
        ranked AS (
          SELECT r.slug,
            ts_rank(r.document, q.q, 1) * (1 + 0.5 / (1 + GREATEST(0, EXTRACT(EPOCH FROM (now() - r.published_at)) / 86400) / ${RECENCY_DAYS})) AS score
          FROM story_search r, q WHERE r.slug = ANY(${slugs}::text[])
          ORDER BY score DESC, r.slug LIMIT ${limit} OFFSET ${offset})
        SELECT ranked.slug, s.doc FROM ranked JOIN stories s ON s.slug = ranked.slug ORDER BY ranked.score DESC, ranked.slug`.execute(
        db,
      );
      return rows.rows;
    },
    async snippets(db, query, documents) {
      if (documents.length === 0) return [];
      const bodies = documents.map((doc) => doc.body);
      const rows = await sql<{ snippet: string }>`
        SELECT ts_headline(${config}::regconfig, t.body, ${tsquery(query)}, ${headlineOptions}) AS snippet
        FROM unnest(${bodies}::text[]) WITH ORDINALITY AS t(body, at) ORDER BY t.at`.execute(db);
      return rows.rows.map((row) => row.snippet);
    },
  };
}
