import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { Story } from '../../src/schema';
import { startClusterServer, type ClusterServer } from '../../test/helpers/clusterServer';
import { startPostgres } from '../../test/helpers/postgres';
import { startServer, type RunningServer } from '../../test/helpers/server';
import { BYTE_BUDGETS, kb, measureRouteBytes, root, type RouteBytes } from './bytes';
import { assertChromium, chromiumPath } from './chromium';
import { renderFloorHtml, securityHeadersOf, startFloorServer, type FloorServer } from './floor';
import { runLighthouse, type LighthouseRun } from './lighthouse';
import {
  loadGet,
  loadPostComments,
  PAGE_HEADERS,
  postgresEmails,
  sqliteEmails,
  type LoadResult,
  type PostLoadResult,
  type StoredEmails,
} from './load';
import { approvalToPage, approveOneComment } from './pages';
import { HOSTILE_MEMORY_MARGIN, measureHostileMix, type HostileResult } from './hostile';
import { launchChromium, measureNavigation, scriptsOnFirstVisit, type NavigationSample } from './navigation';
import { measureArchive, type ArchiveResult } from './archiveBench';
import { measureSearch, searchRows, type SearchBenchResult } from './search';
import { measureImages, type ImagesResult } from './images';
import { liveNotes, liveRows, measureLive, type LiveResult } from './live';
import { measurePhotosWordPress, photosWordPressRows, type PhotosWordPressResult } from './photosWordPress';
import { measurePhotos, photoRows, type PhotosResult } from './photos';
import { commandLine, memory, servingProcess } from './processes';
import { approvedComments, seedComments } from './seed';
import { median, sleep, thousands } from './stats';
import { lighthouseRows, navigationRows, START_BUDGETS } from './startBudgets';
import { measureWordPress, publishedPosts, stopWordPress, wordpressUnavailable, type WordPressRun } from './wordpress';

/**
 * npm run bench [-- --quick]: builds the app, runs the real server on a temp database with the demo content
 * and 200 approved comments on one story, measures, and prints one markdown table (also bench/results.json).
 * It asserts nothing about time: it exits non-zero only when something could not be measured.
 */

const quick = process.argv.includes('--quick');
/**
 * --only=archive measures the generated archive alone (it takes minutes of its own); --only=start measures the
 * first visit alone (bytes, Lighthouse, client navigation), for work on start-up on a quiet machine;
 * --only=wordpress the WordPress sync rows alone; --only=hostile the hostile mix alone;
 * --only=live the live story readers alone (through Varnish, then straight at the server); --only=search search
 * on the generated archive alone (SQLite, then several servers on PostgreSQL).
 */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const settings = {
  lighthouseRuns: quick ? 1 : 3,
  lighthouseAttempts: 3,
  navigationSamples: quick ? 5 : 20,
  hoverMs: 300,
  loadSeconds: quick ? 3 : 10,
  /** How long the page is loaded right after an approval has dropped it from the cache. */
  afterInvalidationSeconds: quick ? 1 : 3,
  approvalSamples: quick ? 3 : 10,
  warmupSeconds: quick ? 1 : 2,
  archiveStories: quick ? 10_000 : 100_000,
  connections: 50,
  comments: 200,
  /** Servers in the PostgreSQL cluster the load is spread over. */
  clusterServers: 3,
  /** Posts in the generated WordPress site (start.sh loaded 1,000 in 74 to 158 s and 100 in 5 to 16 s on 2 cores). */
  wordpressPosts: quick ? 100 : 1000,
  /** Full runs also sync a site a tenth the size first, to see whether the server's peak memory grows with it. */
  wordpressSmallerSite: !quick,
  /** The hostile mix: readers and the flood beside them, each this long. */
  hostileSeconds: quick ? 5 : 60,
  floodConnections: 20,
};
const ADMIN_TOKEN = 'bench-moderator-token-0123456789';
const BUDGET = {
  storyReadsPerSecond: 5000,
  p99Ms: 20,
  archiveRestartSeconds: 10,
  answerGzipBytes: 100_000,
  /** The warm story page serves at least this share of the story API's requests per second. */
  pageShareOfApi: 0.25,
  pageP99Ms: 50,
  approvalToPageMs: 1000,
  wordpressFirstSyncMs: 60_000,
  wordpressIdleSyncMs: 5_000,
  /** "A handful" of requests for a re-sync when nothing changed. */
  wordpressIdleRequests: 5,
  /** Peak memory "does not grow with the site": the full site's first-sync peak within this of the tenth's. */
  wordpressMemoryGrowth: 1.2,
  /** Readers' p99 beside the hostile flood, over their p99 alone. */
  hostileP99Ratio: 2,
  hostileReaderErrors: 0,
};

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const started = Date.now();
const errors: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers and browsers it started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Runs one part; a part that throws is reported and the rest still run. */
async function part<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
  const begin = Date.now();
  log(`${name}...`);
  try {
    const result = await work();
    log(`${name}: done in ${((Date.now() - begin) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errors.push(`${name}: ${message}`);
    log(`${name}: FAILED: ${message}`);
    return undefined;
  }
}

/**
 * The build is copied aside and everything is measured and served from the copy, so a rebuild of dist/ while
 * the bench runs (npm run dev, someone's npm test) cannot swap the assets under the running server. The copy
 * lives under node_modules, where the server renderer still resolves its packages, and is removed at the end.
 */
const distDir = join(root, 'node_modules', '.cache', 'byline-bench', `dist-${process.pid}`);

function build(): true {
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`npm run build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  rmSync(distDir, { recursive: true, force: true });
  cpSync(join(root, 'dist'), distDir, { recursive: true });
  cleanups.push(async () => {
    rmSync(distDir, { recursive: true, force: true });
    rmdirSync(dirname(distDir)); // only when no other bench run has a copy there
  });
  return true;
}

/** The newest demo story with a lead image and related stories. */
function pickStory(): string {
  const dir = join(root, 'content', 'stories');
  const stories = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map(
      (name) =>
        JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
          slug: string;
          publishedAt: string;
          image?: unknown;
          related?: string[];
        },
    )
    .filter((story) => story.image && (story.related?.length ?? 0) > 0)
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  if (!stories[0]) throw new Error(`no story in ${dir} has a lead image and related stories`);
  return stories[0].slug;
}

async function startSeededServer(slug: string): Promise<{ server: RunningServer; pid: number }> {
  const server = await startServer({ ADMIN_TOKEN, COMMENT_FLOOD_SECONDS: '0', DIST_DIR: distDir });
  cleanups.push(() => server.stop());
  if (server.pid === undefined) throw new Error('the server process has no pid');
  await seedComments(server.url, slug, ADMIN_TOKEN, settings.comments);
  return { server, pid: servingProcess(server.pid) };
}

async function lighthouseWithRetries(
  url: string,
  inspect?: Parameters<typeof runLighthouse>[1],
): Promise<LighthouseRun & { attempts: number }> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= settings.lighthouseAttempts; attempt++) {
    try {
      return { ...(await runLighthouse(url, inspect)), attempts: attempt };
    } catch (error) {
      // Lighthouse 12.2 on this Chromium now and then misses the navigation in its trace (NO_NAVSTART) and
      // asks to be run again; a run that fails three times in a row counts as not measured.
      failures.push(error instanceof Error ? error.message : String(error));
      log(`lighthouse attempt ${attempt} on ${url} failed: ${failures.at(-1)}`);
    }
  }
  throw new Error(`Lighthouse failed ${settings.lighthouseAttempts} times on ${url}:\n  ${failures.join('\n  ')}`);
}

interface ApiLoad {
  story: LoadResult;
  comments: LoadResult;
  post: PostLoadResult;
}

interface PageLoad {
  /** Warm: served from the page cache. */
  warm: LoadResult;
  /** In the seconds right after an approval has dropped the page from the cache. */
  afterInvalidation: LoadResult;
  /** Milliseconds from an approval's answer to the page showing it, one per sample. */
  approvalToPage: number[];
}

interface Results {
  /** --only=images: the image service on a 12-megapixel photo (issue 25). */
  images?: ImagesResult;
  /** --only=images: the same photo story on the real WordPress and on Byline (scripts/bench/photosWordPress.ts). */
  photosWordPress?: PhotosWordPressResult;
  /** --only=images: a story with a 12-megapixel lead photo, served and visited in Lighthouse (issue 25). */
  photos?: PhotosResult;
  bytes?: RouteBytes;
  story?: string;
  lighthouse?: {
    byline: (LighthouseRun & { attempts: number })[];
    floor: (LighthouseRun & { attempts: number })[];
    /** The same floor sent with Byline's security headers. */
    floorWithHeaders: (LighthouseRun & { attempts: number })[];
  };
  navigation?: { prefetched: NavigationSample[]; cold: NavigationSample[] };
  /** Script paths a first visit to the story fetched in Chromium. */
  firstVisitScripts?: string[];
  load?: ApiLoad;
  /** The story page on the same server, after the API load. */
  pages?: PageLoad;
  /** The same load spread round-robin over several servers on one PostgreSQL database. */
  clusterLoad?: ApiLoad;
  memory?: {
    pid: number;
    command: string;
    beforeLoad: { rss: number; hwm: number };
    afterLoad: { rss: number; hwm: number };
  };
  archive?: ArchiveResult;
  /** Search on the generated archive, SQLite and PostgreSQL (issue 26; scripts/bench/search.ts). */
  search?: SearchBenchResult;
  /** Readers of a cached page alone, then beside a flood of invalid forms, garbage cursors and new Hosts. */
  hostile?: HostileResult;
  /** WordPress syncs: a tenth-size site first in full runs, then the full one; or why they were not measured. */
  wordpress?: { runs: WordPressRun[]; postsOnSite?: number; notMeasured?: string };
  /** Readers polling a live story through Varnish and straight at the server (issue 27). */
  live?: LiveResult;
}
const results: Results = {};
/** The 1-minute load average at the start: another busy process on the machine skews every number here, the load test most. */
const machine = {
  cores: cpus().length,
  loadAtStart: loadavg()[0]!,
  loadBeforeApiLoad: undefined as number | undefined,
  /** os.loadavg() (1, 5 and 15 minutes) right before the start-up measures (Lighthouse, navigation) and right after. */
  loadAroundStart: undefined as { before: number[]; after?: number[] } | undefined,
};
const loads = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');

async function main() {
  assertChromium();
  const slug = pickStory();
  results.story = slug;
  log(`${quick ? 'quick' : 'full'} run on /stories/${slug}`);

  if (!(await part('build (npm run build)', async () => build()))) return;
  if (only === 'archive') {
    results.archive = await part(`an archive of ${settings.archiveStories} stories`, () =>
      measureArchive(settings.archiveStories, distDir, log, cleanups),
    );
    return;
  }
  if (only === 'wordpress') return wordpressPart();
  if (only === 'images') {
    results.images = await part('images (a 12-megapixel JPEG)', () => measureImages(log));
    results.photosWordPress = await part('a 12 MP photo story on WordPress and on Byline', () =>
      measurePhotosWordPress(quick, distDir, log),
    );
    results.photos = await part('photos (a story with a 12-megapixel lead photo, served)', () =>
      measurePhotos({ quick, distDir, log, lighthouse: lighthouseWithRetries }),
    );
    return;
  }
  if (only === 'hostile') return hostilePart(slug);
  if (only === 'live') return livePart();
  if (only === 'search') return searchPart();
  results.bytes = await part('bytes', async () => measureRouteBytes(distDir));

  const seeded = await part(`server with ${settings.comments} approved comments on the story`, () =>
    startSeededServer(slug),
  );
  if (seeded) {
    const { server } = seeded;
    machine.loadAroundStart = { before: loadavg() };
    log(`load average (1, 5, 15 min) before the start-up measures: ${loads(machine.loadAroundStart.before)}`);
    await part("lighthouse: Byline, the static floor and the floor with Byline's headers", async () => {
      const story = Story.parse(await (await fetch(`${server.url}/api/stories/${slug}`)).json());
      const { comments } = await approvedComments(server.url, slug);
      const css = (results.bytes ?? measureRouteBytes(distDir)).css.map((asset) => asset.path);
      const html = renderFloorHtml(story, comments, css);
      const floor: FloorServer = await startFloorServer(distDir, `/stories/${slug}`, html);
      cleanups.push(() => floor.close());
      const headers = securityHeadersOf((await fetch(`${server.url}/stories/${slug}`)).headers);
      const floorWithHeaders = await startFloorServer(distDir, `/stories/${slug}`, html, headers);
      cleanups.push(() => floorWithHeaders.close());
      const runs: NonNullable<Results['lighthouse']> = { byline: [], floor: [], floorWithHeaders: [] };
      // Interleaved, so a slow spell on the machine falls on all three.
      for (let run = 0; run < settings.lighthouseRuns; run++) {
        runs.byline.push(await lighthouseWithRetries(`${server.url}/stories/${slug}`));
        runs.floor.push(await lighthouseWithRetries(`${floor.url}/stories/${slug}`));
        runs.floorWithHeaders.push(await lighthouseWithRetries(`${floorWithHeaders.url}/stories/${slug}`));
        const [byline, plain, withHeaders] = [runs.byline, runs.floor, runs.floorWithHeaders].map((list) =>
          list.at(-1)!,
        );
        log(
          `lighthouse run ${run + 1}: Byline LCP ${byline!.lcp.toFixed(0)} ms, TBT ${byline!.tbt.toFixed(0)} ms; ` +
            `floor ${plain!.lcp.toFixed(0)} ms, ${plain!.tbt.toFixed(0)} ms; ` +
            `floor with Byline's headers ${withHeaders!.lcp.toFixed(0)} ms, ${withHeaders!.tbt.toFixed(0)} ms`,
        );
      }
      results.lighthouse = runs;
      await floor.close();
      await floorWithHeaders.close();
    });

    await part('client navigation in Chromium', async () => {
      const browser = await launchChromium();
      cleanups.push(() => browser.close());
      const storyUrl = `${server.url}/stories/${slug}`;
      results.firstVisitScripts = await scriptsOnFirstVisit(browser, storyUrl);
      const navigation: NonNullable<Results['navigation']> = { prefetched: [], cold: [] };
      // Alternating, so drift on the machine falls on both.
      for (let index = 0; index < settings.navigationSamples; index++) {
        navigation.prefetched.push(
          ...(await measureNavigation(browser, storyUrl, { samples: 1, prefetch: true, hoverMs: settings.hoverMs })),
        );
        navigation.cold.push(...(await measureNavigation(browser, storyUrl, { samples: 1, prefetch: false })));
      }
      results.navigation = navigation;
      await browser.close();
    });
    machine.loadAroundStart.after = loadavg();
    log(`load average (1, 5, 15 min) after the start-up measures: ${loads(machine.loadAroundStart.after)}`);
    await server.stop();
  }
  if (only === 'start') return;

  await part('API load and server memory (a fresh server process)', async () => {
    const { server, pid } = await startSeededServer(slug);
    const beforeLoad = memory(pid);
    results.load = await apiLoad([server.url], slug, sqliteEmails(server.dbPath));
    await sleep(500);
    results.pages = await pageLoad(server.url, slug);
    results.memory = { pid, command: commandLine(pid), beforeLoad, afterLoad: memory(pid) };
    await server.stop();
  });

  await hostilePart(slug);
  await livePart();

  await part(`API load on ${settings.clusterServers} servers on PostgreSQL (a fresh cluster)`, async () => {
    const postgres = await startPostgres();
    cleanups.push(() => postgres.stop());
    const env = { DATABASE_URL: postgres.url, ADMIN_TOKEN, COMMENT_FLOOD_SECONDS: '0', DIST_DIR: distDir };
    const started = await Promise.allSettled(
      Array.from({ length: settings.clusterServers }, () => startClusterServer(env)),
    );
    const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    cleanups.push(() => Promise.all(servers.map((server) => server.stop())));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await seedComments(servers[0]!.url, slug, ADMIN_TOKEN, settings.comments);
    results.clusterLoad = await apiLoad(
      servers.map((server: ClusterServer) => server.url),
      slug,
      postgresEmails(postgres.url),
    );
    await Promise.all(servers.map((server) => server.stop()));
  });

  results.archive = await part(`an archive of ${settings.archiveStories} stories`, () =>
    measureArchive(settings.archiveStories, distDir, log, cleanups),
  );
  await searchPart();
  await wordpressPart();
}

async function livePart() {
  results.live = await part('live story readers (Varnish, then none)', () =>
    measureLive(distDir, quick, log, cleanups),
  );
}

async function searchPart() {
  results.search = await part(`search on an archive of ${settings.archiveStories} stories`, () =>
    measureSearch({
      stories: settings.archiveStories,
      connections: settings.connections,
      seconds: settings.loadSeconds,
      warmupSeconds: settings.warmupSeconds,
      servers: settings.clusterServers,
      distDir,
      log,
      cleanups,
    }),
  );
}

/** The hostile mix on a fresh server: readers of the cached story page alone, then beside the flood. */
async function hostilePart(slug: string) {
  results.hostile = await part('hostile mix (a fresh server process)', async () => {
    const { server, pid } = await startSeededServer(slug);
    await loadGet(
      'page warm-up',
      `${server.url}/stories/${slug}`,
      { connections: settings.connections, seconds: settings.warmupSeconds },
      PAGE_HEADERS,
    );
    const measured = await measureHostileMix(server.url, slug, pid, {
      connections: settings.connections,
      seconds: settings.hostileSeconds,
      floodConnections: settings.floodConnections,
    });
    await server.stop();
    return measured;
  });
}

function hostileRows({ quiet, hostile, flood, readerErrors, memory: held }: HostileResult): Row[] {
  const ratio = hostile.latency.p99 / Math.max(1, quiet.latency.p99);
  const floodAnswers = Object.entries(flood.statusCodes)
    .map(([code, count]) => `${thousands(count)} × ${code}`)
    .join(', ');
  const setting = `${settings.connections} conn. reading the cached story, ${settings.floodConnections} flooding, ${settings.hostileSeconds} s`;
  return [
    [
      `Hostile mix (${setting}): readers' p99 beside the flood ÷ alone`,
      `${ratio.toFixed(2)}× (${hostile.latency.p99} ms vs ${quiet.latency.p99} ms; max ${hostile.latency.max} ms)`,
      `≤ ${BUDGET.hostileP99Ratio}×`,
      yes(ratio <= BUDGET.hostileP99Ratio),
    ],
    [
      "Hostile mix: readers' errors (connection errors, timeouts, non-2xx)",
      thousands(readerErrors),
      String(BUDGET.hostileReaderErrors),
      yes(readerErrors <= BUDGET.hostileReaderErrors),
    ],
    [
      'Hostile mix: server resident memory, peak (before the flood)',
      `${mb(held.peak)} (${mb(held.before)})`,
      `≤ ${mb(held.budget)}: before + page cache + rate tables + ${mb(HOSTILE_MEMORY_MARGIN)}`,
      yes(held.peak <= held.budget),
    ],
    [
      "Hostile mix: the flood's answers",
      `${floodAnswers || 'none'} (${thousands(flood.requestsPerSecond)} req/s, ${thousands(flood.errors)} errors)`,
      '—',
      '—',
    ],
  ];
}

/** The WordPress rows: a generated site loaded into the real WordPress, synced from empty and again. */
async function wordpressPart() {
  await part('WordPress sync (a generated site on the real WordPress)', async () => {
    const unavailable = wordpressUnavailable();
    if (unavailable) {
      results.wordpress = { runs: [], notMeasured: unavailable };
      log(`WordPress: not measured: ${unavailable}`);
      return;
    }
    // Loading adds and replaces posts by slug and never removes any, so the smaller site goes first, after the
    // posts of earlier runs are removed.
    const sizes = settings.wordpressSmallerSite
      ? [Math.round(settings.wordpressPosts / 10), settings.wordpressPosts]
      : [settings.wordpressPosts];
    const wordpress: NonNullable<Results['wordpress']> = { runs: [] };
    results.wordpress = wordpress;
    try {
      for (const [index, posts] of sizes.entries()) {
        try {
          const fresh = settings.wordpressSmallerSite && index === 0;
          wordpress.runs.push(await measureWordPress(posts, distDir, log, { fresh }));
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('start.sh failed')) {
            wordpress.notMeasured = error.message;
            log(`WordPress: not measured: ${error.message}`);
            return;
          }
          throw error;
        }
      }
      wordpress.postsOnSite = await publishedPosts();
    } finally {
      // start.sh started Apache and MariaDB for these rows; nothing of them stays running after the bench.
      await stopWordPress();
    }
  });
}

/** Story reads, comment reads and comment posts, each spread round-robin over `bases` (one server or several). */
async function apiLoad(bases: string[], slug: string, storedEmails: StoredEmails): Promise<ApiLoad> {
  const storyUrls = bases.map((base) => `${base}/api/stories/${slug}`);
  const commentsUrls = bases.map((base) => `${base}/api/stories/${slug}/comments`);
  const options = { connections: settings.connections, seconds: settings.loadSeconds };
  await loadGet('warm-up', storyUrls, { connections: settings.connections, seconds: settings.warmupSeconds });
  const story = await loadGet(`GET /api/stories/${slug}`, storyUrls, options);
  await sleep(500);
  const comments = await loadGet(`GET /api/stories/${slug}/comments`, commentsUrls, options);
  await sleep(500);
  const post = await loadPostComments(bases, slug, storedEmails, options);
  return { story, comments, post };
}

/**
 * The story page beside its API, on the same server in the same run: warm (served from the page cache), then in
 * the seconds right after an approval has dropped it (the first request renders it again, the others wait for
 * that render), then how long an approval takes to show on the page.
 */
async function pageLoad(base: string, slug: string): Promise<PageLoad> {
  const url = `${base}/stories/${slug}`;
  const options = { connections: settings.connections, seconds: settings.loadSeconds };
  await loadGet(
    'page warm-up',
    url,
    { connections: settings.connections, seconds: settings.warmupSeconds },
    PAGE_HEADERS,
  );
  const warm = await loadGet(`GET /stories/${slug}`, url, options, PAGE_HEADERS);
  await sleep(500);
  await approveOneComment(base, slug, ADMIN_TOKEN, 'invalidation');
  const afterInvalidation = await loadGet(
    `GET /stories/${slug} after an approval`,
    url,
    { connections: settings.connections, seconds: settings.afterInvalidationSeconds },
    PAGE_HEADERS,
  );
  const approvals: number[] = [];
  for (let sample = 0; sample < settings.approvalSamples; sample++) {
    approvals.push(await approvalToPage(base, slug, ADMIN_TOKEN));
  }
  return { warm, afterInvalidation, approvalToPage: approvals };
}

function pageRows({ warm, afterInvalidation, approvalToPage: approvals }: PageLoad, api: LoadResult): Row[] {
  const rps = (result: LoadResult) => `${thousands(result.requestsPerSecond)} req/s`;
  const share = warm.requestsPerSecond / api.requestsPerSecond;
  const slowest = Math.max(...approvals);
  return [
    [
      `GET /stories/:slug (the page, ${settings.comments} comments, warm), throughput (${settings.connections} conn., ${settings.loadSeconds} s)`,
      `${rps(warm)} (${(share * 100).toFixed(0)}% of the API's)`,
      `≥ ${BUDGET.pageShareOfApi * 100}% of the API's`,
      yes(share >= BUDGET.pageShareOfApi),
    ],
    [
      'GET /stories/:slug (warm), p99 latency',
      `${warm.latency.p99} ms`,
      `≤ ${BUDGET.pageP99Ms} ms`,
      yes(warm.latency.p99 <= BUDGET.pageP99Ms),
    ],
    [
      `GET /stories/:slug in the ${settings.afterInvalidationSeconds} s after an approval, throughput`,
      rps(afterInvalidation),
      '—',
      '—',
    ],
    [
      `GET /stories/:slug in the ${settings.afterInvalidationSeconds} s after an approval, p99 (max)`,
      `${afterInvalidation.latency.p99} ms (max ${afterInvalidation.latency.max} ms)`,
      '—',
      '—',
    ],
    [
      `Approval to the page showing it (median, slowest of ${approvals.length})`,
      `${median(approvals).toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms`,
      `≤ ${BUDGET.approvalToPageMs} ms`,
      yes(slowest <= BUDGET.approvalToPageMs),
    ],
  ];
}

type Row = [metric: string, value: string, budget: string, verdict: string];

const yes = (ok: boolean) => (ok ? 'met' : 'missed');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** "1 file", or "inline boot script + 1 file". */
function describeParts(assets: { inline?: true }[]): string {
  const inline = assets.filter((asset) => asset.inline).length;
  const files = assets.length - inline;
  const counted = `${files} file${files === 1 ? '' : 's'}`;
  return inline === 0 ? counted : `inline boot script${inline === 1 ? '' : 's'} + ${counted}`;
}

/** Why any start-up verdict was too noisy to judge, kept for the notes. */
const startNoise = new Set<string>();

function rows(): Row[] {
  const table: Row[] = [];
  const { bytes, lighthouse, navigation, load } = results;
  if (bytes) {
    const { js, css } = bytes.totals;
    table.push([
      `Story route JS, first visit (${describeParts(bytes.js)})`,
      `${kb(js.gzip)} gzip (${kb(js.brotli)} brotli, ${kb(js.raw)} raw)`,
      `≤ ${kb(BYTE_BUDGETS.jsGzip)} gzip`,
      yes(js.gzip <= BYTE_BUDGETS.jsGzip),
    ]);
    table.push([
      `Story route CSS, first visit (${describeParts(bytes.css)})`,
      `${kb(css.gzip)} gzip (${kb(css.brotli)} brotli, ${kb(css.raw)} raw)`,
      `≤ ${kb(BYTE_BUDGETS.cssGzip)} gzip`,
      yes(css.gzip <= BYTE_BUDGETS.cssGzip),
    ]);
    const fetched = results.firstVisitScripts;
    if (fetched) {
      const known = [...bytes.js, ...bytes.lazy].filter((asset) => fetched.includes(asset.path));
      const unknown = fetched.filter((path) => !known.some((asset) => asset.path === path));
      const total = known.reduce(
        (sum, asset) => ({ gzip: sum.gzip + asset.gzip, brotli: sum.brotli + asset.brotli, raw: sum.raw + asset.raw }),
        { gzip: 0, brotli: 0, raw: 0 },
      );
      table.push([
        `JS a first visit to the story fetched in Chromium (${known.length} file${known.length === 1 ? '' : 's'}, no scrolling)`,
        `${kb(total.gzip)} gzip (${kb(total.brotli)} brotli, ${kb(total.raw)} raw)` +
          (unknown.length > 0 ? ` + ${unknown.join(', ')} (not in the build)` : ''),
        '—',
        '—',
      ]);
    }
    for (const chunk of bytes.lazy) {
      const onFirstVisit = fetched?.includes(chunk.path) ? ', fetched on a first visit' : '';
      table.push([
        `Lazy chunk ${chunk.path.split('/').at(-1)}${onFirstVisit}`,
        `${kb(chunk.gzip)} gzip (${kb(chunk.brotli)} brotli, ${kb(chunk.raw)} raw)`,
        '—',
        '—',
      ]);
    }
  }
  // The load average is printed beside the table, not used as a verdict: Lighthouse's own Chromium raises it
  // past two per core on these machines, so it would call every run noisy. The floor's spread says it instead.
  if (lighthouse) {
    const judged = lighthouseRows(lighthouse);
    table.push(...judged.rows);
    for (const reason of judged.noise) startNoise.add(reason);
  }
  if (navigation) table.push(...navigationRows(navigation));
  if (load) table.push(...loadRows(load, ''));
  if (load && results.pages) table.push(...pageRows(results.pages, load.story));
  if (results.memory) {
    const { beforeLoad, afterLoad } = results.memory;
    table.push([
      'Server resident memory (VmRSS) after the load',
      `${mb(afterLoad.rss)} (${mb(beforeLoad.rss)} before it, peak ${mb(afterLoad.hwm)})`,
      '—',
      '—',
    ]);
  }
  if (results.hostile) table.push(...hostileRows(results.hostile));
  if (results.live) table.push(...liveRows(results.live));
  if (results.clusterLoad)
    table.push(...loadRows(results.clusterLoad, `, ${settings.clusterServers} servers on PostgreSQL`));
  const { archive } = results;
  if (archive) {
    const n = thousands(archive.stories);
    table.push([
      `Archive of ${n} stories: first start (all files parsed and stored)`,
      seconds(archive.firstStartSeconds * 1000),
      '—',
      '—',
    ]);
    table.push([
      `Archive of ${n} stories: restart, files and database unchanged`,
      seconds(archive.restartSeconds * 1000),
      `< ${BUDGET.archiveRestartSeconds} s`,
      yes(archive.restartSeconds < BUDGET.archiveRestartSeconds),
    ]);
    table.push([
      `Archive of ${n} stories: server resident memory after the first start`,
      `${mb(archive.memoryAfterStart.rss)} (peak ${mb(archive.memoryAfterStart.hwm)})`,
      '—',
      '—',
    ]);
    for (const kind of ['page', 'api'] as const) {
      const measured = archive.answers.filter((answer) => answer.kind === kind);
      const largest = measured.reduce((a, b) => (b.gzip > a.gzip ? b : a));
      const allOk = measured.every((answer) => answer.status === 200);
      table.push([
        `Archive of ${n} stories: largest ${kind === 'page' ? 'HTML page' : 'API answer'} of ${measured.length} (${largest.path})`,
        `${kb(largest.gzip)} gzip (${kb(largest.raw)} raw)${allOk ? '' : '; some answered non-200, see results.json'}`,
        `< ${kb(BUDGET.answerGzipBytes)} gzip`,
        yes(largest.gzip < BUDGET.answerGzipBytes && allOk),
      ]);
    }
  }
  if (!only || only === 'wordpress') table.push(...wordpressRows());
  if (results.images) table.push(...imageRows(results.images));
  if (results.photosWordPress) table.push(...photosWordPressRows(results.photosWordPress));
  if (results.photos) table.push(...photoRows(results.photos));
  if (results.search) table.push(...searchRows(results.search).rows);
  return table;
}

function imageRows(images: ImagesResult): Row[] {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return [
    [
      'first 800 WebP of a 12 MP JPEG',
      `${seconds(images.firstWebpMs)} (${mb(images.originalBytes)} → ${(images.webpBytes / 1024).toFixed(0)} kB)`,
      '—',
      '—',
    ],
    ['first 800 AVIF of a 12 MP JPEG (background only)', seconds(images.firstAvifMs), '—', '—'],
    ['variants from the disk cache, 50 at a time', `${images.diskPerSecond.toFixed(0)}/s`, '—', '—'],
    [
      '50 cold variants at once: peak memory growth',
      `${mb(images.coldPeakRssBytes)} (all made in ${images.coldSeconds.toFixed(1)} s, one at a time)`,
      '≤ 200 MB',
      yes(images.coldPeakRssBytes <= 200 * 1024 * 1024),
    ],
  ];
}

/** Posts a sync took in: what it added, updated or found unchanged (earlier descriptions' posts included). */
const syncedPosts = (run: WordPressRun) => run.first.added + run.first.updated + run.first.unchanged;
const syncValue = (sample: WordPressRun['first']) =>
  `${seconds(sample.ms)}, ${thousands(sample.requests)} request${sample.requests === 1 ? '' : 's'}`;

/** The WordPress rows: measured, or not measured with the reason (the bench still runs and reports the rest). */
function wordpressRows(): Row[] {
  const wordpress = results.wordpress;
  const full = wordpress?.runs.at(-1);
  const labels = {
    first: full
      ? `WordPress first sync from empty (${thousands(syncedPosts(full))} posts, ${thousands(full.first.commentsAdded)} comments)`
      : `WordPress first sync from empty (${settings.wordpressPosts} generated posts)`,
    idle: 'WordPress idle re-sync',
    firstMemory: 'Server peak memory (VmHWM) during the first sync',
    idleMemory: 'Server peak memory (VmHWM) during the idle re-sync',
  };
  const budgets = {
    first: `< ${BUDGET.wordpressFirstSyncMs / 1000} s`,
    idle: `< ${BUDGET.wordpressIdleSyncMs / 1000} s, ≤ ${BUDGET.wordpressIdleRequests} requests`,
  };
  if (!full) {
    const reason = `not measured: ${wordpress?.notMeasured ?? 'the WordPress part failed (see errors in bench/results.json)'}`;
    return [
      [labels.first, reason, budgets.first, '—'],
      [labels.idle, reason, budgets.idle, '—'],
      [labels.firstMemory, reason, '—', '—'],
      [labels.idleMemory, reason, '—', '—'],
    ];
  }
  const table: Row[] = [
    [labels.first, syncValue(full.first), budgets.first, yes(full.first.ms < BUDGET.wordpressFirstSyncMs)],
    [
      labels.idle,
      syncValue(full.idle),
      budgets.idle,
      yes(full.idle.ms < BUDGET.wordpressIdleSyncMs && full.idle.requests <= BUDGET.wordpressIdleRequests),
    ],
  ];
  const smaller = wordpress!.runs.length > 1 ? wordpress!.runs[0] : undefined;
  if (smaller) {
    const growth = full.first.hwm / smaller.first.hwm;
    table.push([
      labels.firstMemory,
      `${mb(full.first.hwm)} (${mb(smaller.first.hwm)} for ${thousands(syncedPosts(smaller))} posts: ${growth.toFixed(2)}×)`,
      `does not grow with the site (≤ ${BUDGET.wordpressMemoryGrowth}× for 10× the posts)`,
      yes(growth <= BUDGET.wordpressMemoryGrowth),
    ]);
  } else {
    table.push([
      labels.firstMemory,
      `${mb(full.first.hwm)} (no smaller site to compare with in a quick run)`,
      '—',
      '—',
    ]);
  }
  table.push([labels.idleMemory, mb(full.idle.hwm), '—', '—']);
  return table;
}

/** The load rows of one setup: `where` is empty for the one SQLite server, and names the cluster otherwise. */
function loadRows({ story, comments, post }: ApiLoad, where: string): Row[] {
  const rps = (result: LoadResult) => `${thousands(result.requestsPerSecond)} req/s`;
  const p99 = (result: LoadResult) => `${result.latency.p99} ms`;
  const setting = `${settings.connections} conn., ${settings.loadSeconds} s`;
  // The budgets are for one server on SQLite; the cluster's rows are there to compare with them.
  const budgeted = where === '';
  return [
    [
      `GET /api/stories/:slug${where}, throughput (${setting})`,
      rps(story),
      budgeted ? `≥ ${thousands(BUDGET.storyReadsPerSecond)} req/s` : '—',
      budgeted ? yes(story.requestsPerSecond >= BUDGET.storyReadsPerSecond) : '—',
    ],
    [
      `GET /api/stories/:slug${where}, p99 latency`,
      p99(story),
      budgeted ? `< ${BUDGET.p99Ms} ms` : '—',
      budgeted ? yes(story.latency.p99 < BUDGET.p99Ms) : '—',
    ],
    [`GET /api/stories/:slug/comments${where}, throughput (${setting})`, rps(comments), '—', '—'],
    [
      `GET /api/stories/:slug/comments${where}, p99 latency`,
      p99(comments),
      budgeted ? `< ${BUDGET.p99Ms} ms` : '—',
      budgeted ? yes(comments.latency.p99 < BUDGET.p99Ms) : '—',
    ],
    [`POST /api/stories/:slug/comments${where}, throughput (${setting})`, rps(post), '—', '—'],
    [`POST /api/stories/:slug/comments${where}, p99 latency`, p99(post), '—', '—'],
    [
      `POST${where}: comments stored = 201s`,
      `${post.storedEqualsCreated ? 'equal' : 'not equal'}: ${thousands(post.stored)} stored, ${thousands(post.created)} answered 201` +
        (post.problems.length > 0 ? ` (${post.problems.join('; ')})` : ''),
      'equal',
      yes(post.storedEqualsCreated),
    ],
  ];
}

function markdown(table: Row[]): string {
  const header: Row = ['metric', 'value', 'budget', 'verdict'];
  const widths = header.map((_, column) => Math.max(...[header, ...table].map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...table.map(line)].join('\n');
}

function notes(): string[] {
  const lines: string[] = [];
  const end = loadavg()[0]!;
  lines.push(
    `Machine: ${machine.cores} cores; 1-minute load average ${machine.loadAtStart.toFixed(2)} at the start, ` +
      `${end.toFixed(2)} at the end (the load test alone keeps about 2 busy; more means something else was running, ` +
      'and the numbers suffer, the API load most).',
  );
  const around = machine.loadAroundStart;
  if (around) {
    lines.push(
      `Start-up (Lighthouse and navigation): load average (1, 5, 15 min) ${loads(around.before)} before, ` +
        `${around.after ? loads(around.after) : 'not read (the part stopped)'} after.`,
    );
  }
  if (startNoise.size > 0) {
    lines.push(
      `Start-up verdicts "too noisy to judge": ${[...startNoise].join('; ')}. ` +
        'Run again on a quieter machine (npm run bench -- --only=start).',
    );
  }
  const { lighthouse } = results;
  if (lighthouse) {
    const failing = [
      ...new Set(lighthouse.byline.flatMap((run) => run.failing.map((audit) => audit.replace(/ \(.*\)$/, '')))),
    ];
    if (failing.length > 0) {
      lines.push(
        `Lighthouse audits not passed on Byline in some run (details in bench/results.json): ${failing.join(', ')}.`,
      );
    }
    const all = [...lighthouse.byline, ...lighthouse.floor, ...lighthouse.floorWithHeaders];
    const indexes = all.map((run) => run.benchmarkIndex).sort((a, b) => a - b);
    lines.push(
      `Lighthouse's benchmarkIndex (the machine's CPU speed as it measures it; TBT compares only between close ` +
        `indexes): ${indexes.map((index) => Math.round(index)).join(', ')}.`,
    );
    const retries = all.reduce((total, run) => total + run.attempts - 1, 0);
    if (retries > 0)
      lines.push(`Lighthouse runs repeated after a failed trace (NO_NAVSTART and the like): ${retries}.`);
  }
  if (results.load) {
    lines.push(
      `Load: autocannon ${versions().autocannon} in the bench process, ${settings.connections} connections over loopback to the server's own process, ` +
        `after a ${settings.warmupSeconds} s warm-up; requests offer gzip as browsers do; POSTs have flood control off and a new text and email each.`,
    );
  }
  if (results.clusterLoad) {
    lines.push(
      `On PostgreSQL: ${settings.clusterServers} server processes on one database (a fresh local cluster, synchronous_commit on), ` +
        `autocannon's ${settings.connections} connections opened round-robin over their URLs; the same requests as on SQLite.`,
    );
  }
  if (results.live) lines.push(...liveNotes(results.live));
  const wordpress = results.wordpress;
  if (wordpress && wordpress.runs.length > 0) {
    const full = wordpress.runs.at(-1)!;
    lines.push(
      `WordPress: Debian's WordPress 6.1 of the project's harness (test/wordpress) at 127.0.0.1:8080, loaded by its start.sh with a generated site of ` +
        `${thousands(full.posts)} posts (3 authors, 8 categories, tags, 2 comments on every 5th post, no images) in ${full.loadSeconds.toFixed(0)} s; ` +
        `the site had ${wordpress.postsOnSite === undefined ? 'an unknown number of' : thousands(wordpress.postsOnSite)} published posts in all ` +
        "(loading never removes posts, so other descriptions' posts are synced too; the rows count what the sync reported). " +
        'The server (node --import tsx server/main.ts, an empty CONTENT_DIR, a fresh SQLite database, WORDPRESS_SYNC_SECONDS=3600) ' +
        "is started for the first sync and started again on the same database for the idle re-sync; times and requests are the sync's own, " +
        'from its "wordpress: synced" line; peak memory is the server process\'s VmHWM read right after that line, start-up included.',
    );
  }
  for (const [where, post] of [
    ['', results.load?.post],
    [` (${settings.clusterServers} servers on PostgreSQL)`, results.clusterLoad?.post],
  ] as const) {
    if (post && post.unanswered > 0) {
      lines.push(
        `POST${where}: ${post.unanswered} requests were still in flight when autocannon stopped and closed its connections; ` +
          `the servers stored ${post.unansweredStored} of them. They got no answer to compare, so they are left out of "stored = 201s".`,
      );
    }
  }
  if (results.search) lines.push(...searchRows(results.search).notes);
  return lines;
}

function versions() {
  const read = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  const pkg = (name: string) =>
    (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    node: process.version,
    chromium: read(chromiumPath, ['--version']),
    lighthouse: pkg('lighthouse'),
    autocannon: pkg('autocannon'),
    playwright: pkg('playwright-core'),
  };
}

try {
  await main();
} catch (error) {
  errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await cleanUp();
}

const table = rows();
const output = markdown(table);
const elapsed = (Date.now() - started) / 1000;
const noteLines = notes();
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), mode: quick ? 'quick' : 'full', elapsedSeconds: elapsed, machine, settings, budgets: { ...BUDGET, ...BYTE_BUDGETS, start: START_BUDGETS }, versions: versions(), table: table.map(([metric, value, budget, met]) => ({ metric, value, budget, met })), notes: noteLines, errors, results }, null, 2)}\n`,
);
console.log(output);
for (const note of noteLines) console.log(`\n${note}`);
log(`${quick ? 'quick' : 'full'} run took ${elapsed.toFixed(0)} s; details in bench/results.json`);
if (errors.length > 0) {
  log(`could not measure everything:\n${errors.join('\n')}`);
  process.exit(1);
}
