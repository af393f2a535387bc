import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LiveUpdates } from '../../src/schema';
import { makeStory } from '../../test/helpers/content';
import { freePort } from '../../test/helpers/postgres';
import { startServer, type RunningServer } from '../../test/helpers/server';
import { startVarnish } from '../../test/helpers/varnish';
import { startCountingProxy } from './countingProxy';
import { median, percentile, sleep, thousands } from './stats';

/**
 * Live coverage under its readers (issue 27): many open pages polling a live story's update answer, as the app
 * polls, while the desk publishes an entry every few seconds through the publishing API. Measured through the
 * shipped Varnish (deploy/varnish/byline.vcl) and again with the readers straight at the server, to show what the
 * cache saves. The readers are timers in this process sharing a bounded pool of keep-alive sockets over loopback,
 * so a few thousand of them cost the machine about what their requests cost, not a process or a socket each.
 */

export interface LiveSettings {
  readers: number;
  /** How long entries are published, one every `publishEverySeconds`; readers poll a while before and after. */
  windowSeconds: number;
  publishEverySeconds: number;
  /** The server's LIVE_POLL_SECONDS: the answer's pollSeconds, which the readers follow as the app does. */
  pollSeconds: number;
  /** Sockets the readers share (browsers would each have their own; the cache and the server see the same requests). */
  sockets: number;
}

export const LIVE_SETTINGS = {
  full: { readers: 2000, windowSeconds: 60, publishEverySeconds: 5, pollSeconds: 12, sockets: 256 },
  quick: { readers: 200, windowSeconds: 5, publishEverySeconds: 1, pollSeconds: 2, sockets: 64 },
} satisfies Record<string, LiveSettings>;

/** Per cache in front of the origin, whatever the number of readers. */
export const LIVE_ORIGIN_BUDGET_PER_SECOND = 10;
/** An entry reaches every reader within one poll interval and this much more. */
export const LIVE_DELAY_MARGIN_SECONDS = 2;

export interface LiveRun {
  through: 'varnish' | 'origin';
  /** Update requests that reached the server during the publishing window, a second (mean), and the busiest second. */
  origin: { requests: number; perSecond: number; peakSecond: number };
  /** Every reader's update requests over the whole run. */
  polls: number;
  /** Share of the readers' answers Varnish served from its cache (X-Cache: HIT). */
  hitShare?: number;
  /** Through Varnish: p99 of the polls it served from its cache, and of those it fetched (held on a miss), ms. */
  p99ByCache?: { hit: number; miss: number };
  /** Seconds from an entry's publish answer to a reader's first answer that has it, one per reader and entry. */
  delay: { median: number; p99: number; max: number; samples: number };
  /** Reader and entry pairs never seen by the end of the run. */
  unseen: number;
  /** Milliseconds per poll, as the readers saw them. */
  latency: { p50: number; p99: number; max: number };
  /** Connection errors, time-outs and answers other than 200. */
  errors: number;
  /** The errors by kind: the status, or the client's error message. */
  errorKinds: Record<string, number>;
  /** Answers that told the reader to load the page again (too much changed): none is expected. */
  reloads: number;
  /** Milliseconds of the publishing API's answers. */
  publishMs: { median: number; max: number };
  /** os.loadavg() when the readers started and when they stopped. */
  load: { before: number[]; after: number[] };
  /** This process's event-loop delay while the readers ran, ms: what of the latency may be the bench's own. */
  benchLoopDelay: { p99: number; max: number };
}

export interface LiveResult {
  settings: LiveSettings;
  entries: number;
  runs: LiveRun[];
}

const ADMIN_TOKEN = 'bench-live-token-0123456789abcdef';
const READER_HEADERS = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };

interface Answer {
  status: number;
  cache: string | undefined;
  body: Buffer;
}

function get(agent: Agent, url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: READER_HEADERS, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const body = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw;
        const cache = res.headers['x-cache'];
        resolve({ status: res.statusCode ?? 0, cache: Array.isArray(cache) ? cache[0] : cache, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

async function admin(server: RunningServer, method: string, path: string, body: unknown): Promise<Response> {
  const answer = await fetch(`${server.url}/api/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`${method} /api/admin${path} answered ${answer.status}: ${await answer.text()}`);
  return answer;
}

/** A live story of its own for each run, so each starts at revision 0 with nothing cached. */
async function createLiveStory(server: RunningServer, slug: string): Promise<void> {
  const list = (await (await fetch(`${server.url}/api/stories?limit=3`)).json()) as {
    stories: { slug: string; author: { id: string } }[];
  };
  const story = makeStory(slug, {
    authorId: list.stories[0]!.author.id,
    related: list.stories.map((entry) => entry.slug),
    publishedAt: new Date().toISOString(),
    live: { status: 'live', startedAt: new Date().toISOString() },
  });
  await admin(server, 'PUT', `/stories/${slug}`, story);
}

/**
 * One run: readers poll `base` (Varnish or the server) for the story's updates; `originArrivals` reads when the
 * update requests reached the server. Readers open their pages over one poll interval before the first entry
 * (a random phase each), then poll `pollSeconds` after each answer with the newest revision they have, as
 * src/features/live/polling.ts does while the tab is visible; after the last entry they keep polling until all
 * have it or another interval and five seconds have passed.
 */
async function runReaders(
  server: RunningServer,
  base: string,
  slug: string,
  settings: LiveSettings,
  through: LiveRun['through'],
  originArrivals: (sent: number[]) => number[],
): Promise<LiveRun> {
  // A socket left idle is closed by the agent after 4 s: Varnish closes idle connections after 5 s (timeout_idle)
  // and, unlike the server, does not say so in a Keep-Alive header, so a socket reused at that moment would fail.
  // Browsers send such a request again on a new connection; node's agent does not.
  const agent = new Agent({ keepAlive: true, maxSockets: settings.sockets, timeout: 4000 });
  const pollMs = settings.pollSeconds * 1000;
  const start = (await (await fetch(`${server.url}/api/stories/${slug}/live`)).json()) as { rev: number };
  const updatesPath = `/api/stories/${slug}/updates`;

  const sent: number[] = [];
  const latencies: number[] = [];
  const byCache = { hit: [] as number[], miss: [] as number[] };
  const published = new Map<string, number>();
  /** Entry id to the moment each reader first had it. */
  const sightings = new Map<string, number[]>();
  const seenBy = Array.from({ length: settings.readers }, () => new Set<string>());
  const errorKinds: Record<string, number> = {};
  const failed = (kind: string) => (errorKinds[kind] = (errorKinds[kind] ?? 0) + 1);
  let reloads = 0;
  let hits = 0;
  let stopped = false;
  let inFlight = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const poll = async (reader: number, since: number): Promise<{ since: number; ok: boolean }> => {
    const begin = performance.now();
    sent.push(begin);
    try {
      const answer = await get(agent, `${base}${updatesPath}?since=${since}`);
      const end = performance.now();
      latencies.push(end - begin);
      if (answer.cache === 'HIT') hits++;
      if (answer.cache) byCache[answer.cache === 'HIT' ? 'hit' : 'miss'].push(end - begin);
      if (answer.status !== 200) {
        failed(`HTTP ${answer.status}`);
        return { since, ok: false };
      }
      const updates = JSON.parse(answer.body.toString('utf8')) as LiveUpdates;
      if (updates.reload) reloads++;
      for (const entry of updates.changed) {
        if (seenBy[reader]!.has(entry.id)) continue;
        seenBy[reader]!.add(entry.id);
        const list = sightings.get(entry.id) ?? [];
        list.push(end);
        sightings.set(entry.id, list);
      }
      return { since: Math.max(since, updates.rev), ok: true };
    } catch (error) {
      failed(error instanceof Error ? error.message : String(error));
      return { since, ok: false };
    }
  };

  const schedule = (reader: number, since: number, ms: number, failures: number) => {
    if (stopped) return;
    const timer = setTimeout(async () => {
      timers.delete(timer);
      if (stopped) return;
      inFlight++;
      const next = await poll(reader, since);
      inFlight--;
      // As the app: the next poll one interval after the answer, twice as long after each failure in a row.
      const fails = next.ok ? 0 : Math.min(failures + 1, 4);
      schedule(reader, next.since, pollMs * 2 ** fails, fails);
    }, ms);
    timers.add(timer);
  };

  const loadBefore = loadavg();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  for (let reader = 0; reader < settings.readers; reader++) schedule(reader, start.rev, Math.random() * pollMs, 0);
  await sleep(pollMs);

  const entries = Math.round(settings.windowSeconds / settings.publishEverySeconds);
  const publishMs: number[] = [];
  const windowStart = performance.now();
  for (let index = 0; index < entries; index++) {
    await sleep(Math.max(0, windowStart + index * settings.publishEverySeconds * 1000 - performance.now()));
    const id = `bench-entry-${index + 1}`;
    const begin = performance.now();
    await admin(server, 'POST', `/stories/${slug}/entries/${id}`, {
      id,
      title: `Update ${index + 1}`,
      blocks: [{ type: 'paragraph', content: [{ type: 'text', text: `What happened at update ${index + 1}.` }] }],
    });
    published.set(id, performance.now());
    publishMs.push(performance.now() - begin);
  }
  const windowEnd = windowStart + settings.windowSeconds * 1000;
  await sleep(Math.max(0, windowEnd - performance.now()));

  const lastId = `bench-entry-${entries}`;
  const tailUntil = performance.now() + pollMs + 5000;
  while (performance.now() < tailUntil && seenBy.some((seen) => !seen.has(lastId))) await sleep(200);
  stopped = true;
  for (const timer of timers) clearTimeout(timer);
  while (inFlight > 0) await sleep(20);
  agent.destroy();
  loopDelay.disable();
  const loadAfter = loadavg();

  const delays: number[] = [];
  for (const [id, at] of published) for (const seen of sightings.get(id) ?? []) delays.push((seen - at) / 1000);
  const inWindow = originArrivals(sent).filter((at) => at >= windowStart && at < windowEnd);
  const perSecond = new Array<number>(settings.windowSeconds).fill(0);
  for (const at of inWindow) perSecond[Math.floor((at - windowStart) / 1000)]!++;

  return {
    through,
    origin: {
      requests: inWindow.length,
      perSecond: inWindow.length / settings.windowSeconds,
      peakSecond: Math.max(...perSecond),
    },
    polls: sent.length,
    hitShare: through === 'varnish' ? hits / Math.max(1, latencies.length) : undefined,
    p99ByCache:
      through === 'varnish' ? { hit: percentile(byCache.hit, 0.99), miss: percentile(byCache.miss, 0.99) } : undefined,
    delay: {
      median: median(delays),
      p99: percentile(delays, 0.99),
      max: Math.max(...delays),
      samples: delays.length,
    },
    unseen: settings.readers * entries - delays.length,
    latency: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: Math.max(...latencies) },
    errors: Object.values(errorKinds).reduce((sum, count) => sum + count, 0),
    errorKinds,
    reloads,
    publishMs: { median: median(publishMs), max: Math.max(...publishMs) },
    load: { before: loadBefore, after: loadAfter },
    benchLoopDelay: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
  };
}

/**
 * Starts the server behind a counting pass-through and Varnish with the shipped VCL (the server purges it by
 * key on every entry), runs the readers through Varnish, then straight at the server on a second live story.
 */
export async function measureLive(
  distDir: string,
  quick: boolean,
  log: (message: string) => void,
  cleanups: (() => Promise<unknown>)[],
): Promise<LiveResult> {
  const settings: LiveSettings = quick ? LIVE_SETTINGS.quick : LIVE_SETTINGS.full;
  const port = await freePort();
  const proxy = await startCountingProxy(`http://127.0.0.1:${port}`);
  cleanups.push(() => proxy.close());
  const varnish = await startVarnish(proxy.url);
  cleanups.push(() => varnish.stop());
  const server = await startServer({
    PORT: String(port),
    ADMIN_TOKEN,
    CDN_PURGE_URL: varnish.purgeUrl,
    DIST_DIR: distDir,
    LIVE_POLL_SECONDS: String(settings.pollSeconds),
  });
  cleanups.push(() => server.stop());
  await varnish.waitForHealth({ byline_1: 'healthy' }, 15_000);

  const runs: LiveRun[] = [];
  const describe = (run: LiveRun) =>
    `${run.through}: ${run.origin.perSecond.toFixed(1)} update requests/s at the origin, delay median ` +
    `${run.delay.median.toFixed(1)} s p99 ${run.delay.p99.toFixed(1)} s, poll p99 ${run.latency.p99.toFixed(0)} ms, ` +
    `${run.errors} errors (load ${loadavg()[0]!.toFixed(2)})`;

  const cached = 'live-bench-through-varnish';
  await createLiveStory(server, cached);
  log(`live: ${settings.readers} readers through Varnish for ${settings.windowSeconds} s...`);
  const prefix = `/api/stories/${cached}/updates`;
  runs.push(await runReaders(server, varnish.url, cached, settings, 'varnish', () => proxy.arrivals(prefix)));
  log(`live: ${describe(runs.at(-1)!)}`);

  await sleep(2000);
  const direct = 'live-bench-straight-at-origin';
  await createLiveStory(server, direct);
  log(`live: ${settings.readers} readers straight at the server for ${settings.windowSeconds} s...`);
  // Nothing stands between these readers and the server: every request they send is one it answers.
  runs.push(await runReaders(server, server.url, direct, settings, 'origin', (sent) => sent));
  log(`live: ${describe(runs.at(-1)!)}`);

  await server.stop();
  await varnish.stop();
  await proxy.close();
  return { settings, entries: Math.round(settings.windowSeconds / settings.publishEverySeconds), runs };
}

type Row = [metric: string, value: string, budget: string, verdict: string];
const verdict = (ok: boolean) => (ok ? 'met' : 'missed');

export function liveRows({ settings, entries, runs }: LiveResult): Row[] {
  const rows: Row[] = [];
  const delayBudget = settings.pollSeconds + LIVE_DELAY_MARGIN_SECONDS;
  const cached = runs.find((run) => run.through === 'varnish');
  for (const run of runs) {
    // The budgets are the issue's, for readers behind a cache; the rows without one are there to compare.
    const judged = run.through === 'varnish';
    const where =
      `Live story, ${thousands(settings.readers)} readers ` +
      `${judged ? 'through Varnish' : 'straight at the server (no Varnish)'}`;
    const saved =
      !judged && cached && cached.origin.perSecond > 0
        ? `; ${(run.origin.perSecond / cached.origin.perSecond).toFixed(0)}× the rate through Varnish`
        : '';
    rows.push(
      [
        `${where}, polling every ${settings.pollSeconds} s, an entry every ${settings.publishEverySeconds} s for ` +
          `${settings.windowSeconds} s: update requests at the origin`,
        `${run.origin.perSecond.toFixed(1)}/s (busiest second ${run.origin.peakSecond}; ${thousands(run.origin.requests)} in all${saved})`,
        judged ? `≤ ${LIVE_ORIGIN_BUDGET_PER_SECOND}/s per Varnish` : '—',
        judged ? verdict(run.origin.perSecond <= LIVE_ORIGIN_BUDGET_PER_SECOND) : '—',
      ],
      [
        `${where}: publish answer to each reader's first poll with the entry, median, p99 (max)`,
        `${run.delay.median.toFixed(1)} s, ${run.delay.p99.toFixed(1)} s (max ${run.delay.max.toFixed(1)} s; ` +
          `${thousands(run.delay.samples)} of ${thousands(settings.readers * entries)} seen)`,
        judged ? `p99 ≤ ${delayBudget} s, every one seen` : '—',
        judged ? verdict(run.delay.p99 <= delayBudget && run.unseen === 0) : '—',
      ],
      [
        `${where}: poll latency p50, p99 (max)`,
        `${run.latency.p50.toFixed(1)} ms, ${run.latency.p99.toFixed(1)} ms (max ${run.latency.max.toFixed(0)} ms)`,
        '—',
        '—',
      ],
      [
        `${where}: readers' errors (of ${thousands(run.polls)} polls)`,
        thousands(run.errors) +
          (run.errors > 0
            ? ` (${Object.entries(run.errorKinds)
                .map(([kind, count]) => `${count} × ${kind}`)
                .join(', ')})`
            : '') +
          (run.reloads > 0 ? `; ${thousands(run.reloads)} told to reload` : ''),
        judged ? '0' : '—',
        judged ? verdict(run.errors === 0) : '—',
      ],
    );
  }
  return rows;
}

export function liveNotes({ settings, runs }: LiveResult): string[] {
  const loads = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
  const notes = [
    `Live story: ${thousands(settings.readers)} readers as timers in the bench process over ${settings.sockets} shared ` +
      `keep-alive sockets (loopback); each opens its page at a random moment of the first ${settings.pollSeconds} s, ` +
      `then asks /api/stories/:slug/updates?since=<its newest revision> ${settings.pollSeconds} s after each answer ` +
      '(LIVE_POLL_SECONDS; the app does the same while the tab is visible). Entries are POSTed to the publishing API ' +
      "on the server itself; the server purges Varnish by the story's key. Through Varnish, requests at the origin are " +
      'counted by a pass-through between Varnish and the server; without it, every reader request is one.',
  ];
  for (const run of runs) {
    notes.push(
      `Live story (${run.through === 'varnish' ? 'through Varnish' : 'no Varnish'}): load average (1, 5, 15 min) ` +
        `${loads(run.load.before)} at the start, ${loads(run.load.after)} at the end; publish answers ` +
        `${run.publishMs.median.toFixed(0)} ms median, ${run.publishMs.max.toFixed(0)} ms max; the bench's own ` +
        `event-loop delay p99 ${run.benchLoopDelay.p99.toFixed(0)} ms (max ${run.benchLoopDelay.max.toFixed(0)} ms)` +
        (run.hitShare === undefined ? '' : `; ${(run.hitShare * 100).toFixed(1)}% of polls were Varnish hits`) +
        (run.p99ByCache === undefined
          ? ''
          : ` (poll p99 ${run.p99ByCache.hit.toFixed(0)} ms for hits, ${run.p99ByCache.miss.toFixed(0)} ms for misses)`) +
        '.',
    );
  }
  return notes;
}
