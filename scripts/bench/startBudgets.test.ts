import { describe, expect, it } from 'vitest';
import { lighthouseRows, navigationRows, type Measured, type StartRuns } from './startBudgets';

const run = (tbt: number, lcp: number, performance: number, cls = 0): Measured => ({
  tbt,
  lcp,
  cls,
  scores: { performance, accessibility: 100, 'best-practices': 100, seo: 100 },
});

/** Three interleaved runs of each page, the floors steady unless a test says otherwise. */
function runs(byline: Measured[], floorWithHeaders = [run(180, 1000, 98), run(200, 1010, 98), run(210, 1020, 97)]) {
  const floor = [run(60, 1000, 100), run(70, 1010, 100), run(80, 1020, 100)];
  return { byline, floor, floorWithHeaders } satisfies StartRuns;
}

const row = (rows: string[][], metric: string) => {
  const found = rows.find(([name]) => name!.startsWith(metric));
  if (!found) throw new Error(`no row "${metric}" in ${JSON.stringify(rows)}`);
  return found;
};

describe('start-up budgets against the floor of the same run', () => {
  it('holds TBT to the floor-with-headers median plus 50 ms, and shows that floor in the budget', () => {
    const within = lighthouseRows(runs([run(240, 1100, 97), run(250, 1100, 97), run(260, 1100, 97)]));
    expect(row(within.rows, 'Total Blocking Time')).toEqual([
      'Total Blocking Time (Lighthouse mobile)',
      '250 ms (240 ms–260 ms over 3 runs)',
      "≤ 250 ms (the floor with Byline's headers: 200 ms, plus 50 ms)",
      'met',
    ]);
    expect(within.noise).toEqual([]);
    const over = lighthouseRows(runs([run(251, 1100, 97), run(252, 1100, 97), run(253, 1100, 97)]));
    expect(row(over.rows, 'Total Blocking Time')[3]).toBe('missed');
  });

  it('allows a performance score at most 2 points below the floor with headers', () => {
    const scored = (score: number) =>
      row(
        lighthouseRows(runs([run(200, 1100, score), run(200, 1100, score), run(200, 1100, score)])).rows,
        'Lighthouse performance',
      );
    expect(scored(96)).toEqual([
      'Lighthouse performance (mobile, median of 3)',
      '96',
      "≥ 96 (the floor with Byline's headers: 98, less 2)",
      'met',
    ]);
    expect(scored(95)[3]).toBe('missed');
  });

  it('holds LCP to 1.15 times the plain floor', () => {
    const lcp = (ms: number) =>
      row(lighthouseRows(runs([run(200, ms, 98), run(200, ms, 98), run(200, ms, 98)])).rows, 'LCP, Byline ÷ floor');
    expect(lcp(1150)).toEqual(['LCP, Byline ÷ floor', '1.14×', '≤ 1.15× (the floor: 1.01 s)', 'met']);
    expect(lcp(1170)[3]).toBe('missed');
  });

  it('calls a run too noisy to judge when the floor itself swung by more than 200 ms, and says why', () => {
    const swinging = [run(100, 1000, 99), run(200, 1000, 98), run(320, 1000, 90)];
    // Byline far over any budget: the verdict is still "too noisy", not "missed".
    const judged = lighthouseRows(runs([run(900, 1100, 50), run(900, 1100, 50), run(900, 1100, 50)], swinging));
    expect(row(judged.rows, 'Total Blocking Time')[3]).toBe('too noisy to judge');
    expect(row(judged.rows, 'Lighthouse performance')[3]).toBe('too noisy to judge');
    expect(row(judged.rows, 'LCP, Byline ÷ floor')[3]).toBe('met');
    expect(judged.noise).toEqual([
      "the TBT of the floor with Byline's headers spread 220 ms over its 3 runs (more than 200 ms)",
    ]);
  });

  it('judges nothing timed from a single run (the quick bench), and still reports every value', () => {
    const single = lighthouseRows({
      byline: [run(100, 1000, 99)],
      floor: [run(60, 1000, 100)],
      floorWithHeaders: [run(90, 1000, 99)],
    });
    expect(row(single.rows, 'Total Blocking Time').slice(1)).toEqual([
      '100 ms',
      "≤ 140 ms (the floor with Byline's headers: 90 ms, plus 50 ms)",
      'too noisy to judge',
    ]);
    expect(row(single.rows, 'Lighthouse accessibility')[3]).toBe('met');
    expect(row(single.rows, 'Cumulative Layout Shift')[3]).toBe('met');
    expect(single.noise).toContain("1 run of the floor with Byline's headers, 3 needed");
  });

  it('holds a prefetched click to the new h1 to 50 ms', () => {
    const samples = (ms: number) => [{ ms, domMs: ms - 5, target: 'x' }];
    expect(navigationRows({ prefetched: samples(40), cold: samples(90) })[0]![3]).toBe('met');
    expect(navigationRows({ prefetched: samples(60), cold: samples(90) })[0]![3]).toBe('missed');
  });
});
