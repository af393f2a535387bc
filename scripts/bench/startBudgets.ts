import type { LighthouseRun } from './lighthouse';
import { CATEGORIES } from './lighthouse';
import type { NavigationSample } from './navigation';
import { median } from './stats';

/**
 * The start-up budgets, judged against the floor measured in the same run. Lighthouse simulates a 4× slower
 * phone by multiplying what the machine gives, so on a shared 2-core machine the blocking time of a static page
 * with no script swings by more than an absolute 50 ms budget: Byline is held to the floor beside it (the same
 * story as static HTML, sent with Byline's security headers, run interleaved with it), and a run whose floor
 * itself swung too far is reported as too noisy to judge instead of as a failure.
 */
export const START_BUDGETS = {
  /** Byline's TBT is at most the floor-with-headers' TBT plus this. */
  tbtOverFloorMs: 50,
  /** Byline's Lighthouse performance score is at most this many points below the floor-with-headers' score. */
  performanceBelowFloor: 2,
  /** Byline's LCP is at most this multiple of the plain floor's. */
  lcpRatio: 1.15,
  lcpMs: 1500,
  cls: 0.01,
  /** Click to the new story's h1 painted, after a hover has prefetched it (measured in the real browser). */
  prefetchedNavMs: 50,
  /** Medians of fewer runs than this have no spread to judge the machine's noise by. */
  minRuns: 3,
  /** The floor's own runs spreading (slowest minus fastest) by more than this means the machine was too busy. */
  floorSpreadMs: 200,
};

export type Verdict = 'met' | 'missed' | 'too noisy to judge';
export type StartRow = [metric: string, value: string, budget: string, verdict: string];

/** What the judging reads of a Lighthouse run. */
export type Measured = Pick<LighthouseRun, 'tbt' | 'lcp' | 'cls' | 'scores'>;

export interface StartRuns {
  byline: Measured[];
  floor: Measured[];
  /** The same floor sent with Byline's security headers. */
  floorWithHeaders: Measured[];
}

const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
const ms = (value: number) => `${Math.round(value)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

/** Why the floor's runs of one measure cannot be judged by, or undefined when they can. */
export function floorNoise(runs: Measured[], measure: 'tbt' | 'lcp', floorName: string): string | undefined {
  const { minRuns, floorSpreadMs } = START_BUDGETS;
  if (runs.length < minRuns)
    return `${runs.length} run${runs.length === 1 ? '' : 's'} of ${floorName}, ${minRuns} needed`;
  const swing = spread(runs.map((run) => run[measure]));
  if (swing > floorSpreadMs)
    return `the ${measure.toUpperCase()} of ${floorName} spread ${ms(swing)} over its ${runs.length} runs (more than ${floorSpreadMs} ms)`;
  return undefined;
}

export function verdict(ok: boolean, noise: string | undefined): Verdict {
  if (noise !== undefined) return 'too noisy to judge';
  return ok ? 'met' : 'missed';
}

/** "212 ms (180–260 ms over 3 runs)": a median with the range it came from. */
function withRange(values: number[], format: (value: number) => string): string {
  if (values.length < 2) return format(median(values));
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))} over ${values.length} runs)`;
}

export interface StartJudgement {
  rows: StartRow[];
  /** Why some verdicts are "too noisy to judge", one line each. */
  noise: string[];
}

/** The Lighthouse rows of the start-up: Byline's medians, the floors' beside them, and each budget's verdict. */
export function lighthouseRows(runs: StartRuns, busy?: string): StartJudgement {
  const B = START_BUDGETS;
  const of = (list: Measured[], pick: (run: Measured) => number) => median(list.map(pick));
  const n = runs.byline.length;
  const tbtNoise = busy ?? floorNoise(runs.floorWithHeaders, 'tbt', "the floor with Byline's headers");
  const lcpNoise = busy ?? floorNoise(runs.floor, 'lcp', 'the floor');
  const headersLcpNoise = busy ?? floorNoise(runs.floorWithHeaders, 'lcp', "the floor with Byline's headers");
  const performanceNoise = tbtNoise ?? headersLcpNoise;

  const floorTbt = of(runs.floorWithHeaders, (run) => run.tbt);
  const floorPerformance = of(runs.floorWithHeaders, (run) => run.scores.performance);
  const floorLcp = of(runs.floor, (run) => run.lcp);
  const tbt = of(runs.byline, (run) => run.tbt);
  const lcp = of(runs.byline, (run) => run.lcp);
  const cls = of(runs.byline, (run) => run.cls);
  const performance = of(runs.byline, (run) => run.scores.performance);

  const rows: StartRow[] = [];
  for (const category of CATEGORIES) {
    const score = of(runs.byline, (run) => run.scores[category]);
    if (category === 'performance') {
      rows.push([
        `Lighthouse performance (mobile, median of ${n})`,
        String(score),
        `≥ ${floorPerformance - B.performanceBelowFloor} (the floor with Byline's headers: ${floorPerformance}, less ${B.performanceBelowFloor})`,
        verdict(performance >= floorPerformance - B.performanceBelowFloor, performanceNoise),
      ]);
    } else {
      rows.push([
        `Lighthouse ${category} (mobile, median of ${n})`,
        String(score),
        '100',
        verdict(score >= 100, undefined),
      ]);
    }
  }
  rows.push([
    'Total Blocking Time (Lighthouse mobile)',
    withRange(
      runs.byline.map((run) => run.tbt),
      ms,
    ),
    `≤ ${ms(floorTbt + B.tbtOverFloorMs)} (the floor with Byline's headers: ${ms(floorTbt)}, plus ${B.tbtOverFloorMs} ms)`,
    verdict(tbt <= floorTbt + B.tbtOverFloorMs, tbtNoise),
  ]);
  rows.push([
    'Largest Contentful Paint (Lighthouse mobile)',
    seconds(lcp),
    `≤ ${seconds(B.lcpMs)}`,
    verdict(lcp <= B.lcpMs, lcpNoise),
  ]);
  const ratio = lcp / floorLcp;
  rows.push([
    'LCP, Byline ÷ floor',
    `${ratio.toFixed(2)}×`,
    `≤ ${B.lcpRatio}× (the floor: ${seconds(floorLcp)})`,
    verdict(ratio <= B.lcpRatio, lcpNoise),
  ]);
  rows.push([
    'Cumulative Layout Shift (Lighthouse mobile)',
    cls.toFixed(3),
    `≤ ${B.cls}`,
    verdict(cls <= B.cls, undefined),
  ]);
  // The floor runs no script, so its blocking time is the machine's own parsing, style and layout of the story
  // (Lighthouse multiplies each task's time by four): what no page of this story could go below. With Byline's
  // headers, Cross-Origin-Opener-Policy starts the page in a new renderer process, which Lighthouse counts too.
  rows.push([
    'Floor LCP: the same story as static HTML, same CSS, no JavaScript',
    withRange(
      runs.floor.map((run) => run.lcp),
      seconds,
    ),
    '—',
    '—',
  ]);
  rows.push([
    'Floor TBT',
    withRange(
      runs.floor.map((run) => run.tbt),
      ms,
    ),
    '—',
    '—',
  ]);
  rows.push([
    "Floor TBT with Byline's security headers (COOP among them)",
    withRange(
      runs.floorWithHeaders.map((run) => run.tbt),
      ms,
    ),
    '—',
    '—',
  ]);
  rows.push(["Floor Lighthouse performance with Byline's security headers", String(floorPerformance), '—', '—']);
  const noise = [...new Set([tbtNoise, lcpNoise, headersLcpNoise].filter((line) => line !== undefined))];
  return { rows, noise };
}

/** Client navigation: click to the new story's h1 painted, prefetched on hover (budgeted) and not. */
export function navigationRows(
  navigation: { prefetched: NavigationSample[]; cold: NavigationSample[] },
  busy?: string,
): StartRow[] {
  const prefetched = median(navigation.prefetched.map((sample) => sample.ms));
  const cold = median(navigation.cold.map((sample) => sample.ms));
  return [
    [
      `Click to new story's h1 painted, prefetched on hover (median of ${navigation.prefetched.length})`,
      `${prefetched.toFixed(1)} ms`,
      `≤ ${START_BUDGETS.prefetchedNavMs} ms`,
      verdict(prefetched <= START_BUDGETS.prefetchedNavMs, busy),
    ],
    [
      `Click to new story's h1 painted, not prefetched (median of ${navigation.cold.length})`,
      `${cold.toFixed(1)} ms`,
      '—',
      '—',
    ],
  ];
}
