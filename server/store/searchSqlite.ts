import { sql } from 'kysely';
import { sectionSlug } from '../../src/schema';
import { MATCH_END, MATCH_START, type SearchDocument, type SearchQuery } from '../content';
import { storeNow } from './liveStories';
import {
  dayAfter,
  RECENCY_DAYS,
  rowFilters,
  type EngineSearch,
  type Executor,
  type HitRow,
  type Scope,
} from './searchEngine';
import { fts5Query } from './searchSyntax';
import { chunks, KEYS_PER_STATEMENT } from './chunks';

/**
 * SQLite: the full-text rowid is the story's place in time (`POSITIONS_PER_MS` places per millisecond of its
 * date), so the newest matches are FTS5's own rowid order read backwards and a date range is a rowid range; the
 * row of `search_rows` with that rowid holds the story's slug, section, author and date.
 */
const POSITIONS_PER_MS = 256;

const positionAt = (iso: string) => Date.parse(iso) * POSITIONS_PER_MS;
/** Places before a full millisecond a story may take: 16 ms more, 4,096 stories dated alike in all. */
const SPILL = 16 * POSITIONS_PER_MS;

/** A stable spread of the places within one millisecond, so stories of the same date rarely need a second try. */
function slugSpread(slug: string): number {
  let hash = 2166136261;
  for (let at = 0; at < slug.length; at++) hash = Math.imul(hash ^ slug.charCodeAt(at), 16777619);
  return (hash >>> 0) % POSITIONS_PER_MS;
}

/** How the index's words are cut, stemmed and folded; the snippets' table cuts them the same way. */
const TOKENIZER = 'porter unicode61 remove_diacritics 2';

/** FTS5's own default, restored after a bulk build. */
const FTS5_AUTOMERGE = 4;
/** SQLite's page cache while the index is built in bulk: negative is KiB (64 MB), for that build only. */
const BUILD_CACHE_KIB = -65_536;

export function sqliteSearch(): EngineSearch {
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
  /**
   * Free places for `documents`, apart from each other and from the places already taken: first within the
   * story's own millisecond (date filters stay exact), then in the milliseconds just before it, for an import
   * that dated hundreds of stories alike.
   */
  async function places(trx: Executor, documents: readonly SearchDocument[]): Promise<number[]> {
    const wanted = documents.map((doc) => positionAt(doc.publishedAt) + slugSpread(doc.slug));
    const slotOf = (position: number) => position - (position % POSITIONS_PER_MS);
    const windows = wanted.map(
      (position) => sql`position BETWEEN ${slotOf(position) - SPILL} AND ${slotOf(position) + POSITIONS_PER_MS - 1}`,
    );
    const taken = new Set(
      (
        await sql<{ position: number }>`SELECT position FROM search_rows WHERE ${sql.join(windows, sql` OR `)}`.execute(
          trx,
        )
      ).rows.map((row) => row.position),
    );
    return wanted.map((start, index) => {
      const slot = slotOf(start);
      let position = start;
      for (let tries = 1; taken.has(position); tries++) {
        if (tries > POSITIONS_PER_MS + SPILL)
          throw new Error(`search: no free place for ${documents[index]!.slug} near ${documents[index]!.publishedAt}`);
        position =
          tries < POSITIONS_PER_MS
            ? slot + ((start - slot + tries) % POSITIONS_PER_MS)
            : slot - (tries - POSITIONS_PER_MS) - 1;
      }
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
      for (const chunk of chunks(documents)) {
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
      for (const part of chunks(slugs, KEYS_PER_STATEMENT)) {
        await sql`DELETE FROM search_fts WHERE rowid IN (SELECT position FROM search_rows WHERE slug IN (${sql.join(part)}))`.execute(
          trx,
        );
        await sql`DELETE FROM search_rows WHERE slug IN (${sql.join(part)})`.execute(trx);
      }
    },
    // One writer at a time is SQLite's own rule: the build's transaction already holds the database.
    async holdForBuild() {},
    async rebuild(trx, batches) {
      // A contentless table is emptied by its own command (a DELETE would remove its rows one at a time).
      await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(trx);
      await sql`DELETE FROM search_rows`.execute(trx);
      // In bulk, FTS5 merging its segments as it goes rewrites the index many times over: it merges once at the
      // end instead (optimize: one segment, one b-tree per word for queries), with a larger page cache meanwhile.
      const cache = (await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(trx)).rows[0]?.cache_size ?? -2000;
      await sql`PRAGMA cache_size = ${sql.lit(BUILD_CACHE_KIB)}`.execute(trx);
      await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)`.execute(trx);
      for await (const documents of batches) await this.put(trx, documents);
      await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(trx);
      await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', ${sql.lit(FTS5_AUTOMERGE)})`.execute(
        trx,
      );
      await sql`PRAGMA cache_size = ${sql.lit(cache)}`.execute(trx);
    },
    async candidates(db, query, scope, bound) {
      // CROSS JOIN keeps the full-text match as the outer loop, read newest first, stopping at the bound.
      const rows = await sql<{ key: number; section: string; year: string }>`
        SELECT search_fts.rowid AS key, r.section AS section, substr(r.published_at, 1, 4) AS year
        FROM ${from} WHERE ${where(query, scope)} ORDER BY search_fts.rowid DESC LIMIT ${bound}`.execute(db);
      return rows.rows;
    },
    async hits(db, query, scope, candidates, offset, limit) {
      // FTS5 matches again within the candidates' span of places (its own doclists, cheap), rather than looking up
      // a thousand rowids one by one.
      const floor = candidates.at(-1)!.key as number;
      const score = sql`bm25(search_fts, 10.0, 4.0, 1.0) * (1 + 0.5 / (1 + max(0, julianday('now') - julianday(r.published_at)) / ${RECENCY_DAYS}))`;
      const page = (
        await sql<{ position: number }>`
          SELECT search_fts.rowid AS position FROM ${from} WHERE ${where(query, scope)} AND search_fts.rowid >= ${floor}
          ORDER BY ${score}, search_fts.rowid DESC LIMIT ${limit} OFFSET ${offset}`.execute(db)
      ).rows.map((row) => row.position);
      if (page.length === 0) return [];
      const rows = await sql<HitRow & { position: number }>`
        SELECT r.position, s.slug, s.doc FROM search_rows r CROSS JOIN stories s ON s.slug = r.slug
        WHERE r.position IN (${sql.join(page)})`.execute(db);
      const byPosition = new Map(rows.rows.map((row) => [row.position, row]));
      return page.flatMap((position) => byPosition.get(position) ?? []);
    },
    async snippets(db, query, documents) {
      if (documents.length === 0) return [];
      // The index keeps no text (contentless), and FTS5 cuts a snippet only from a table that has it: the page's
      // few documents go into a table of this connection's own (TEMP: never written to the database file),
      // matched by the same query with the same tokenizer, so the marked words are exactly the ones that matched.
      // One transaction holds the connection, so no other request's rows come between the insert and the read; the
      // table is emptied at the end (or by the rollback, if a step fails), so it is empty at the start.
      return db.transaction().execute(async (trx) => {
        await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_snippets USING fts5(headline, extra, body,
          tokenize = ${sql.lit(TOKENIZER)})`.execute(trx);
        const texts = documents.map((doc, index) => sql`(${index + 1}, ${doc.headline}, ${doc.extra}, ${doc.body})`);
        await sql`INSERT INTO temp.search_snippets (rowid, headline, extra, body) VALUES ${sql.join(texts)}`.execute(
          trx,
        );
        const rows = await sql<{ at: number; snippet: string }>`
          SELECT rowid AS at, snippet(search_snippets, 2, ${MATCH_START}, ${MATCH_END}, '…', 24) AS snippet
          FROM temp.search_snippets WHERE search_snippets MATCH ${fts5Query(query)}`.execute(trx);
        await sql`DELETE FROM temp.search_snippets`.execute(trx);
        const byIndex = new Map(rows.rows.map((row) => [row.at - 1, row.snippet]));
        return documents.map((_, index) => byIndex.get(index) ?? '');
      });
    },
  };
}
