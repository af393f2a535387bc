import { readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SearchFilters, type StoryFile } from '../../src/schema';
import { parseQuery } from '../../server/content';
import { createStore, type StoreOptions } from '../../server/store';
import { startPostgres } from '../../test/helpers/postgres';
import { writeArchive } from './archive';
import { start, stop } from './archiveBench';
import { ARCHIVE_WORDS } from './archiveWords';
import { loadGet, type LoadResult } from './load';
import { percentile, sleep, thousands } from './stats';

/*
 * Search on the generated archive (issue 26), on one SQLite server and on several servers sharing PostgreSQL:
 * the story API and a fixed mix of 50 searches under the same load, each query's own time in the store with no
 * cache in front, the index built from empty, a publish reaching the results, and the index's size.
 */

export interface SearchBenchOptions {
  stories: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Servers sharing PostgreSQL. */
  servers: number;
  distDir: string;
  log: (message: string) => void;
  cleanups: (() => Promise<unknown>)[];
}

export interface EngineFigures {
  where: string;
  story: LoadResult;
  search: LoadResult;
  /** The mix's first answers, all asked at once with the servers' answer caches empty. */
  first: QueryTimes;
  /** Each query of the mix run one at a time straight on the store (no answer cache). */
  uncached: QueryTimes;
  buildSeconds: number;
  publishMs: number;
  bytes: { index: number; textCopy: number; stories: number };
}

/** Milliseconds per query of the mix, summed up: p50, p99, the slowest and which query it was. */
interface QueryTimes {
  p50: number;
  p99: number;
  max: number;
  slowest: string;
}

function queryTimes(times: { ms: number; query: string }[]): QueryTimes {
  const values = times.map((time) => time.ms);
  const slowest = times.reduce((worst, time) => (time.ms > worst.ms ? time : worst));
  return {
    p50: percentile(values, 0.5),
    p99: percentile(values, 0.99),
    max: slowest.ms,
    slowest: decodeURIComponent(slowest.query),
  };
}

const TOKEN = 'bench-search-token-0123456789abcdef';
const PROBE_WORD = 'xylowhisk';

/**
 * The mix: one word (common to rare), two words, a phrase from a headline, a prefix as typed, and some of them
 * with a section, an author or a month. Words are picked by their rank in the archive's vocabulary.
 */
export function searchMix(headlineOf: (index: number) => string): string[] {
  const word = (rank: number) => ARCHIVE_WORDS[rank]!;
  const one = [2, 8, 20, 40, 70, 100, 150, 250, 400, 700, 1000, 1500, 2200, 3000, 3900].map(
    (rank) => `q=${word(rank)}`,
  );
  const two = [
    [2, 5],
    [10, 30],
    [20, 200],
    [50, 60],
    [100, 900],
    [300, 310],
    [5, 2500],
    [700, 1400],
    [40, 3500],
    [1, 150],
    [12, 13],
    [600, 2000],
  ].map(([a, b]) => `q=${word(a!)}+${word(b!)}`);
  const phrase = [1, 7, 42, 300, 999, 2500, 5000, 9000].map((index) => {
    const words = headlineOf(index).toLowerCase().split(' ');
    return `q=${encodeURIComponent(`"${words[1]} ${words[2]}"`)}`;
  });
  const prefix = [3, 30, 120, 500, 1200, 2600, 3800].map((rank) => `q=${word(rank).slice(0, 4)}`);
  const filtered = [
    `q=${word(8)}&section=city`,
    `q=${word(100)}&section=sport`,
    `q=${word(20)}&author=correspondent-1`,
    `q=${word(400)}&author=correspondent-7`,
    `q=${word(5)}&from=2026-10-01&to=2026-10-31`,
    `q=${word(250)}+${word(30)}&from=2026-01-01&to=2026-06-30`,
    `q=${word(1000)}&section=science&from=2025-01-01`,
    `q=${word(70).slice(0, 4)}&section=culture`,
  ];
  return [...one, ...two, ...phrase, ...prefix, ...filtered];
}

/** Each query of the mix straight on the store, one at a time: what a query costs when no cache has it. */
async function uncachedTimes(options: StoreOptions, mix: string[]): Promise<QueryTimes> {
  const store = createStore(options);
  const times: { ms: number; query: string }[] = [];
  try {
    for (const query of mix) {
      const params = new URLSearchParams(query);
      const parsed = parseQuery(params.get('q') ?? '');
      if (!parsed.ok) throw new Error(`the mix's query ${query} does not parse`);
      const { q: _q, ...filters } = Object.fromEntries(params);
      const request = { query: parsed.query, filters: SearchFilters.parse(filters), offset: 0, limit: 10 };
      await store.search.find(request); // the engine's own caches (pages, plans) warm, as on a running server
      const begin = performance.now();
      await store.search.find(request);
      times.push({ ms: performance.now() - begin, query });
    }
  } finally {
    await store.close();
  }
  return queryTimes(times);
}

/** The search index built again from empty, as at the first start after an upgrade. */
async function buildSeconds(options: StoreOptions): Promise<number> {
  const store = createStore(options);
  try {
    await store.db.deleteFrom('settings').where('key', '=', 'search_index').execute();
    const begin = performance.now();
    await store.migrate();
    return (performance.now() - begin) / 1000;
  } finally {
    await store.close();
  }
}

/** Publishes a story through the first server and times until a search on the last one finds it. */
async function publishToResults(bases: string[], contentDir: string): Promise<number> {
  const story = JSON.parse(readFileSync(join(contentDir, 'stories', 'archive-story-1.json'), 'utf8')) as StoryFile;
  const probe = {
    ...story,
    slug: 'bench-search-probe',
    headline: `The ${PROBE_WORD} arrives`,
    publishedAt: new Date().toISOString(),
  };
  const searchUrl = `${bases.at(-1)}/api/search?q=${PROBE_WORD}`;
  // Asked once before: a cached "no results" must give way to the story, as for a reader who searched early.
  const before = (await (await fetch(searchUrl)).json()) as { total: number };
  if (before.total !== 0) throw new Error(`${PROBE_WORD} was found before it was published`);
  const begin = performance.now();
  const response = await fetch(`${bases[0]}/api/admin/stories/${probe.slug}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(probe),
  });
  if (!response.ok) throw new Error(`publishing the probe answered ${response.status}: ${await response.text()}`);
  for (;;) {
    const found = (await (await fetch(searchUrl)).json()) as { total: number };
    if (found.total > 0) return performance.now() - begin;
    if (performance.now() - begin > 30_000) throw new Error('the published story was not found within 30 s');
    await sleep(5);
  }
}

function sqliteBytes(path: string): EngineFigures['bytes'] {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT d.name AS name, m.tbl_name AS tbl, SUM(d.pgsize) AS bytes FROM dbstat d
         LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY d.name`,
      )
      .all() as { name: string; tbl: string | null; bytes: number }[];
    const sum = (test: (row: { name: string; tbl: string | null }) => boolean) =>
      tables.filter(test).reduce((total, row) => total + row.bytes, 0);
    return {
      index: sum((row) => /^search_(fts|rows)/.test(row.tbl ?? row.name)),
      textCopy: sum((row) => row.name === 'search_fts_content'),
      stories: sum((row) => (row.tbl ?? row.name) === 'stories'),
    };
  } finally {
    db.close();
  }
}

async function postgresBytes(url: string): Promise<EngineFigures['bytes']> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ index: string; stories: string }>(
      `SELECT pg_total_relation_size('story_search') AS index, pg_total_relation_size('stories') AS stories`,
    );
    return { index: Number(rows[0]!.index), textCopy: 0, stories: Number(rows[0]!.stories) };
  } finally {
    await client.end();
  }
}

async function underLoad(bases: string[], mix: string[], options: SearchBenchOptions) {
  const load = { connections: options.connections, seconds: options.seconds };
  const storyUrls = bases.map((base) => `${base}/api/stories/archive-story-1`);
  // One answer from each server before any load: a busy machine's first answer can outlast a short warm-up.
  for (const url of storyUrls) if (!(await fetch(url)).ok) throw new Error(`${url} did not answer 200`);
  await loadGet('warm-up', storyUrls, { connections: options.connections, seconds: options.warmupSeconds });
  const story = await loadGet('GET /api/stories/archive-story-1', storyUrls, load);
  await sleep(500);
  const first = await firstAnswers(bases, mix);
  // Each query's first answer is timed above; the load measures what follows it, answers served until a publish.
  const search = await loadGet(
    `GET /api/search (${mix.length} queries)`,
    mix.map((query, index) => `${bases[index % bases.length]}/api/search?${query}`),
    load,
  );
  return { story, first, search };
}

/**
 * The mix's first answers, all 50 asked at once as 50 readers would: each is computed by the engine, the
 * servers' caches empty. Timed apart from the load because on a busy machine they can outlast a short load run,
 * which would then hold no answer at all.
 */
async function firstAnswers(bases: string[], mix: string[]): Promise<QueryTimes> {
  const times = await Promise.all(
    mix.map(async (query, index) => {
      const url = `${bases[index % bases.length]}/api/search?${query}`;
      const begin = performance.now();
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      return { ms: performance.now() - begin, query };
    }),
  );
  return queryTimes(times);
}

/** Both engines on one archive written once. */
export async function measureSearch(options: SearchBenchOptions) {
  const { log, cleanups } = options;
  const dir = mkdtempSync(join(tmpdir(), 'byline-search-bench-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const contentDir = join(dir, 'content');
  writeArchive(options.stories, 40, contentDir);
  const headlineOf = (index: number) =>
    (
      JSON.parse(
        readFileSync(join(contentDir, 'stories', `archive-story-${(index % options.stories) + 1}.json`), 'utf8'),
      ) as StoryFile
    ).headline;
  const mix = searchMix(headlineOf);
  const env = {
    CONTENT_DIR: contentDir,
    DIST_DIR: options.distDir,
    CONTENT_RESCAN_SECONDS: '0',
    ADMIN_TOKEN: TOKEN,
    // The load comes from one address standing for many readers: the per-address limit on new searches would
    // refuse most of the mix's first answers, which are what the load row measures.
    SEARCH_RATE_PER_MINUTE: '0',
  };
  const figures: EngineFigures[] = [];

  const dbPath = join(dir, 'byline.db');
  const sqlite = await start({ ...env, DB_PATH: dbPath });
  cleanups.push(() => stop(sqlite.child));
  log(`search: SQLite server on ${thousands(options.stories)} stories started in ${sqlite.seconds.toFixed(1)} s`);
  const sqliteLoad = await underLoad([sqlite.url], mix, options);
  const sqlitePublish = await publishToResults([sqlite.url], contentDir);
  await stop(sqlite.child);
  const sqliteOptions = { dbPath };
  figures.push({
    where: 'SQLite, 1 server',
    ...sqliteLoad,
    uncached: await uncachedTimes(sqliteOptions, mix),
    publishMs: sqlitePublish,
    buildSeconds: await buildSeconds(sqliteOptions),
    bytes: sqliteBytes(dbPath),
  });
  log(`search: SQLite done`);

  const postgres = await startPostgres();
  cleanups.push(() => postgres.stop());
  const servers = [];
  for (let index = 0; index < options.servers; index++) {
    const server = await start({ ...env, DATABASE_URL: postgres.url });
    cleanups.push(() => stop(server.child));
    log(`search: PostgreSQL server ${index + 1} started in ${server.seconds.toFixed(1)} s`);
    servers.push(server);
  }
  const bases = servers.map((server) => server.url);
  const postgresLoad = await underLoad(bases, mix, options);
  const postgresPublish = await publishToResults(bases, contentDir);
  await Promise.all(servers.map((server) => stop(server.child)));
  const postgresOptions = { databaseUrl: postgres.url, dbPath: '' };
  figures.push({
    where: `PostgreSQL, ${options.servers} servers`,
    ...postgresLoad,
    uncached: await uncachedTimes(postgresOptions, mix),
    publishMs: postgresPublish,
    buildSeconds: await buildSeconds(postgresOptions),
    bytes: await postgresBytes(postgres.url),
  });
  await postgres.stop();
  return { stories: options.stories, queries: mix.length, figures };
}

export type SearchBenchResult = Awaited<ReturnType<typeof measureSearch>>;
type Row = [metric: string, value: string, budget: string, verdict: string];

const BUDGET = { p99Ms: 100, shareOfStoryApi: 0.1, buildSeconds: 60, publishMs: 1000 };
const met = (ok: boolean) => (ok ? 'met' : 'missed');
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** The table rows and notes of a search run. */
export function searchRows({ stories, queries, figures }: SearchBenchResult): { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const archive = `archive of ${thousands(stories)}`;
  for (const { where, story, first, search, uncached, buildSeconds: build, publishMs, bytes } of figures) {
    const share = search.requestsPerSecond / story.requestsPerSecond;
    rows.push(
      [
        `Search, ${queries}-query mix at 50 connections (${where}, ${archive}): p99 and requests/s beside the story API's`,
        `p99 ${ms(search.latency.p99)}, ${thousands(search.requestsPerSecond)} rps (story API: p99 ${ms(story.latency.p99)}, ${thousands(story.requestsPerSecond)} rps; ${(share * 100).toFixed(0)}%)`,
        `p99 ≤ ${BUDGET.p99Ms} ms, ≥ ${BUDGET.shareOfStoryApi * 100}% of the story API`,
        met(search.latency.p99 <= BUDGET.p99Ms && share >= BUDGET.shareOfStoryApi),
      ],
      [
        `Search, the mix's ${queries} first answers asked at once, answer caches empty (${where}, ${archive}): p50, slowest`,
        `${ms(first.p50)}, ${ms(first.max)} (${first.slowest})`,
        '—',
        '—',
      ],
      [
        `Search, each query of the mix alone with no cache (${where}, ${archive}): p50, p99, slowest`,
        `${ms(uncached.p50)}, ${ms(uncached.p99)}, ${ms(uncached.max)} (${uncached.slowest})`,
        '—',
        '—',
      ],
      [
        `Search index built from empty (${where}, ${archive})`,
        `${build.toFixed(1)} s`,
        `< ${BUDGET.buildSeconds} s`,
        met(build < BUDGET.buildSeconds),
      ],
      [
        `Search, a publish to the story in results (${where})`,
        ms(publishMs),
        `< ${BUDGET.publishMs} ms`,
        met(publishMs < BUDGET.publishMs),
      ],
      [
        `Search index size beside the stories' (${where}, ${archive})`,
        `${mb(bytes.index)}${bytes.textCopy ? ` (${mb(bytes.textCopy)} of it FTS5's copy of the text)` : ''}; stories ${mb(bytes.stories)}`,
        '—',
        '—',
      ],
    );
  }
  const notes = [
    `Search: the mix is ${queries} fixed queries (one word common to rare, two words, a headline's phrase, a prefix, and ` +
      `some with a section, author or dates). First all ${queries} are asked at once on servers just started, so each ` +
      `answer is computed by the engine (the "first answers" row); then the load, one query per connection, is ` +
      `served from the answer cache until a publish, as on a live site. The "alone with no cache" row is each ` +
      `query's time in the store, the price of a query nobody asked since the last publish.`,
  ];
  return { rows, notes };
}
