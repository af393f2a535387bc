import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { startServer } from '../../test/helpers/server';
import { root } from './bytes';
import { chromiumFlags, chromiumPath, waitForApp } from './chromium';
import { RELATED_LINK } from './navigation';
import { seedComments } from './seed';

/**
 * npm run bench:trace [-- <slug>] (after npm run build): what the main thread does while a story page starts
 * and during one client navigation. It runs the built app on a temp database with 200 approved comments on the
 * story, opens it in Chromium with the CPU slowed 4x (as Lighthouse's mobile run does), records a performance
 * trace with the V8 sampling profiler, and prints each long task (over 50 ms) with the functions its time went to,
 * then the same for the click on the first related story. The raw trace lands in bench/trace-*.json (open it in
 * Chromium's Performance panel); the summaries in bench/trace-summary.json. Diagnostic only: it measures no budget.
 */

const ADMIN_TOKEN = 'bench-trace-token-0123456789abcd';
const slug = process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? 'lantern-walk-volunteers';
/** --cpu=4 slows the CPU as Lighthouse's mobile run pretends to; by default the trace runs at full speed. */
const slowdown = Number(process.argv.find((arg) => arg.startsWith('--cpu='))?.slice('--cpu='.length) ?? 1);
const outDir = join(root, 'bench');

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface TaskSummary {
  startMs: number;
  durationMs: number;
  /** The task's own CPU time: far less swayed by other processes on a busy machine than its duration. */
  cpuMs: number;
  /** The kinds of work in it (parse, style, layout, script…), milliseconds each, nested kinds counted again. */
  kinds: Record<string, number>;
  /** Self time by function ("name file:line"), largest first. */
  selfTime: [string, number][];
  /** Time under the app's and React's named functions (inclusive), largest first: who called the work. */
  inclusive: [string, number][];
}

function frameName(frame: ProfileNode['callFrame']) {
  const file = frame.url ? frame.url.replace(/^.*\//, '') : '';
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/** Long tasks of the renderer's main thread, and the CPU profile's samples inside each. */
const KINDS = new Set([
  'ParseHTML',
  'ParseAuthorStyleSheet',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'EvaluateScript',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'RunMicrotasks',
  'FireAnimationFrame',
  'MajorGC',
  'MinorGC',
  'HitTest',
]);

/**
 * Long tasks after `from` (over 50 ms of wall time, or over 12.5 ms of CPU time: 50 ms once slowed 4x), and an
 * estimate of the Total Blocking Time Lighthouse's simulated mobile run would count for tasks after first
 * contentful paint on an idle machine: each task's CPU time times 4, less 50 ms.
 */
function summarise(
  events: TraceEvent[],
  from: number,
  slowdown: number,
): { tasks: TaskSummary[]; total: number; estimatedTbt: number; fcpMs?: number } {
  // A navigation may move the page to a new renderer process: the busiest renderer main thread is the page's.
  const busy = (thread: TraceEvent) =>
    events
      .filter((event) => event.pid === thread.pid && event.tid === thread.tid && event.name === 'RunTask')
      .reduce((sum, event) => sum + (event.dur ?? 0), 0);
  // Chromium's own pages (a new tab's WebUI) run renderers too: only a thread that parsed the story or saw the
  // click is the page's.
  const ours = (thread: TraceEvent) =>
    events.some(
      (event) =>
        event.pid === thread.pid &&
        event.tid === thread.tid &&
        ((event.name === 'ParseHTML' &&
          String((event.args?.beginData as { url?: string })?.url).includes('/stories/')) ||
          (event.name === 'EventDispatch' && (event.args?.data as { type?: string })?.type === 'click')),
    );
  const mainThread = events
    .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
    .filter(ours)
    .sort((a, b) => busy(b) - busy(a))[0];
  if (!mainThread) throw new Error('no renderer main thread in the trace');
  const onMain = (event: TraceEvent) => event.pid === mainThread.pid && event.tid === mainThread.tid;
  const tasks = events.filter(
    (event) => onMain(event) && event.name === 'RunTask' && event.ph === 'X' && event.ts >= from,
  );

  // The sampling profiler's chunks: nodes (the call tree), samples (node ids) and the time between samples.
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; node: number }[] = [];
  let time = 0;
  for (const event of events) {
    if (event.name === 'Profile' && event.pid === mainThread.pid) {
      time = (event.args?.data as { startTime: number }).startTime;
    }
    if (event.name !== 'ProfileChunk' || event.pid !== mainThread.pid) continue;
    const data = event.args?.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    ids.forEach((id, index) => {
      time += deltas[index] ?? 0;
      samples.push({ ts: time, node: id });
    });
  }
  samples.sort((a, b) => a.ts - b.ts);

  const fcp = events.find((event) => event.name === 'firstContentfulPaint' && event.pid === mainThread.pid);
  // Unthrottled, Lighthouse's simulation slows each task 4x; a trace already slowed is counted as it is.
  const factor = 4 / slowdown;
  const cpu = (task: TraceEvent) => ((task as TraceEvent & { tdur?: number }).tdur ?? task.dur ?? 0) / 1000;
  const estimatedTbt = tasks
    .filter((task) => !fcp || task.ts >= fcp.ts)
    .reduce((sum, task) => sum + Math.max(0, cpu(task) * factor - 50), 0);
  const long = tasks.filter((task) => (task.dur ?? 0) > 50_000 || cpu(task) * factor > 50);
  let total = 0;
  const summaries = long.map((task): TaskSummary => {
    const end = task.ts + task.dur!;
    total += Math.max(0, task.dur! / 1000 - 50);
    const kinds: Record<string, number> = {};
    for (const event of events) {
      if (event.pid !== task.pid || event.tid !== task.tid || !KINDS.has(event.name) || event.ph !== 'X') continue;
      if (event.ts < task.ts || event.ts >= end) continue;
      kinds[event.name] = Math.round(((kinds[event.name] ?? 0) + (event.dur ?? 0) / 1000) * 10) / 10;
    }
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const inTask = samples.filter((sample) => sample.ts >= task.ts && sample.ts < end);
    inTask.forEach((sample, index) => {
      const next = inTask[index + 1]?.ts ?? end;
      const ms = (next - sample.ts) / 1000;
      const node = nodes.get(sample.node);
      if (!node) return;
      const name = frameName(node.callFrame);
      self.set(name, (self.get(name) ?? 0) + ms);
      const seen = new Set<string>();
      for (let at: ProfileNode | undefined = node; at; at = at.parent ? nodes.get(at.parent) : undefined) {
        const frame = frameName(at.callFrame);
        if (!at.callFrame.functionName || seen.has(frame)) continue;
        seen.add(frame);
        inclusive.set(frame, (inclusive.get(frame) ?? 0) + ms);
      }
    });
    const top = (map: Map<string, number>, count: number) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([name, ms]) => [name, Math.round(ms * 10) / 10] as [string, number]);
    return {
      startMs: Math.round((task.ts - from) / 1000),
      durationMs: Math.round(task.dur! / 1000),
      cpuMs: Math.round(cpu(task) * 10) / 10,
      kinds,
      selfTime: top(self, 15),
      inclusive: top(inclusive, 40),
    };
  });
  return {
    tasks: summaries,
    total: Math.round(total),
    estimatedTbt: Math.round(estimatedTbt),
    ...(fcp ? { fcpMs: Math.round((fcp.ts - from) / 1000) } : {}),
  };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'toplevel',
  'blink.user_timing',
].join(',');

async function traced(page: Page, name: string, run: () => Promise<void>) {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: CATEGORIES.split(',') });
  await run();
  const buffer = await browser.stopTracing();
  const file = join(outDir, `trace-${name}.json`);
  writeFileSync(file, buffer);
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  return traceEvents;
}

/**
 * Resolves once the app has hydrated, asking over the DevTools protocol: Playwright's own waits inject its
 * script into the page, and that injection (20 to 35 ms of CPU here) would show up as one of the start's long
 * tasks. Each question here is a task well under a millisecond.
 */
async function appReadyOverCdp(cdp: CDPSession, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.documentElement.dataset.app' });
    if (result.value === 'ready') return;
    if (Date.now() > deadline) throw new Error(`the app did not mark itself ready in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The trace's first timestamped event (metadata events carry ts 0). */
const clickStart = (events: TraceEvent[]) =>
  Math.min(...events.filter((event) => event.ts > 0).map((event) => event.ts));

async function main() {
  const server = await startServer({ ADMIN_TOKEN, COMMENT_FLOOD_SECONDS: '0' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  try {
    await seedComments(server.url, slug, ADMIN_TOKEN, 200);
    mkdirSync(outDir, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });

    const startEvents = await traced(page, 'start', async () => {
      await page.goto(`${server.url}/stories/${slug}`, { waitUntil: 'load' });
      await appReadyOverCdp(cdp);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1500);
    });
    const navStart = startEvents.find((event) => event.name === 'navigationStart')?.ts ?? clickStart(startEvents);
    const start = summarise(startEvents, navStart, slowdown);
    const startRequests = [...requests];
    await context.close();

    // The click as the bench measures it: a desktop window, where the related rail sits beside the story and
    // the comments stay below the screen, the page settled first.
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const clickPage = await desktop.newPage();
    const clickCdp = await desktop.newCDPSession(clickPage);
    await clickCdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await clickPage.goto(`${server.url}/stories/${slug}`, { waitUntil: 'load' });
    await waitForApp(clickPage);
    await clickPage.waitForLoadState('networkidle');
    await clickPage.waitForTimeout(1000);
    requests.length = 0;
    clickPage.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
    // The mouse goes to where the link is, found before the trace: Playwright's locators run its injected script in
    // the page, which would be listed as the click's first task; its mouse sends input events and runs nothing there.
    // The middle of its first line: a headline link wraps, and its box's middle can fall between its words.
    const [x, y] = await clickPage
      .locator(RELATED_LINK)
      .first()
      .evaluate((link) => {
        const line = link.getClientRects()[0]!;
        return [line.x + line.width / 2, line.y + line.height / 2];
      });
    const clickEvents = await traced(clickPage, 'click', async () => {
      // What starting the trace costs the page (about 100 ms of CPU, most likely the profiler logging the page's
      // code) lands on the first script it runs: give it a script of its own and a pause before the hand moves.
      await clickCdp.send('Runtime.evaluate', { expression: '0' });
      await clickPage.waitForTimeout(300);
      await clickPage.mouse.move(x, y);
      await clickPage.waitForTimeout(300);
      await clickPage.mouse.click(x, y);
      await clickPage.waitForLoadState('networkidle');
      await clickPage.waitForTimeout(500);
    });
    if (new URL(clickPage.url()).pathname === `/stories/${slug}`)
      throw new Error(`the click on the related story link at (${x}, ${y}) did not leave /stories/${slug}`);
    // Counted from the end of that first script of ours, so the profiler's start is not listed as the click's.
    const warmUp = clickEvents
      .filter((event) => event.name === 'EvaluateScript' && event.ph === 'X')
      .sort((a, b) => a.ts - b.ts)[0];
    const click = summarise(clickEvents, warmUp ? warmUp.ts + warmUp.dur! : clickStart(clickEvents), slowdown);

    const summary = { slug, start: { ...start, requests: startRequests }, click: { ...click, requests } };
    writeFileSync(join(outDir, 'trace-summary.json'), JSON.stringify(summary, null, 2));
    for (const [name, part] of Object.entries({ start, click })) {
      console.log(
        `\n== ${name}: ${part.tasks.length} long tasks, blocking ${part.total} ms at ${slowdown}x CPU; estimated TBT ` +
          `(CPU time x${4 / slowdown} after FCP${part.fcpMs === undefined ? '' : ` at ${part.fcpMs} ms`}) ${part.estimatedTbt} ms`,
      );
      for (const task of part.tasks) printTask(task, { inclusive: true });
    }
    console.log(`\nrequests at start: ${startRequests.join(', ')}`);
    console.log(`requests on click: ${requests.join(', ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** One long task: when, how long, its CPU time, and the functions it spent it in (self, and with callees). */
function printTask(task: ReturnType<typeof summarise>['tasks'][number], { inclusive }: { inclusive: boolean }) {
  const list = (entries: [string, number][], most: number) =>
    entries
      .slice(0, most)
      .map(([fn, ms]) => `${fn} ${ms}`)
      .join('\n              ');
  console.log(
    `\n-- task at ${task.startMs} ms, ${task.durationMs} ms (CPU ${task.cpuMs} ms) ${JSON.stringify(task.kinds)}`,
  );
  console.log(`   self:      ${list(task.selfTime, 8)}`);
  if (inclusive) console.log(`   inclusive: ${list(task.inclusive, 25)}`);
}

/** --from=<trace.json>: summarises a trace saved elsewhere (Lighthouse's own, say) instead of recording one. */
const from = process.argv.find((arg) => arg.startsWith('--from='))?.slice('--from='.length);
if (from) {
  const { traceEvents } = JSON.parse(readFileSync(from, 'utf8')) as { traceEvents: TraceEvent[] };
  const navStart = traceEvents.find((event) => event.name === 'navigationStart')?.ts ?? clickStart(traceEvents);
  const part = summarise(traceEvents, navStart, slowdown);
  console.log(`${part.tasks.length} long tasks; estimated TBT ${part.estimatedTbt} ms (FCP at ${part.fcpMs} ms)`);
  for (const task of part.tasks) printTask(task, { inclusive: false });
} else {
  await main();
}
