import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from './countingProxy';
import { LIVE_SETTINGS, liveRows, type LiveResult, type LiveRun } from './live';
import { percentile } from './stats';

const run = (through: LiveRun['through'], overrides: Partial<LiveRun> = {}): LiveRun => ({
  through,
  origin: { requests: 24, perSecond: 0.4, peakSecond: 2 },
  polls: 13_000,
  delay: { median: 6, p99: 11.9, max: 12.1, samples: 24_000 },
  unseen: 0,
  latency: { p50: 1, p99: 20, max: 40 },
  errors: 0,
  errorKinds: {},
  reloads: 0,
  publishMs: { median: 50, max: 80 },
  load: { before: [1, 1, 1], after: [1, 1, 1] },
  benchLoopDelay: { p99: 10, max: 20 },
  ...overrides,
});

const result = (
  cached: LiveRun,
  direct = run('origin', { origin: { requests: 10_000, perSecond: 166, peakSecond: 300 } }),
) => ({ settings: LIVE_SETTINGS.full, entries: 12, runs: [cached, direct] }) satisfies LiveResult;

const verdictOf = (rows: string[][], metric: string) => {
  const found = rows.find(([name]) => name!.includes(metric));
  if (!found) throw new Error(`no row with "${metric}" in ${JSON.stringify(rows)}`);
  return found[3];
};

describe('the live rows', () => {
  it('judges the rows through Varnish against the budgets and only shows the rows without it', () => {
    const rows = liveRows(result(run('varnish')));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual([
      'Live story, 2,000 readers through Varnish, polling every 12 s, an entry every 5 s for 60 s: update requests at the origin',
      '0.4/s (busiest second 2; 24 in all)',
      '≤ 10/s per Varnish',
      'met',
    ]);
    expect(rows[4]![1]).toBe('166.0/s (busiest second 300; 10,000 in all; 415× the rate through Varnish)');
    expect(rows.slice(4).map((row) => row[3])).toEqual(['—', '—', '—', '—']);
    expect(verdictOf(rows.slice(0, 4), 'first poll with the entry')).toBe('met');
  });

  it('misses the origin budget above 10 a second, the delay past the interval plus 2 s or with an entry unseen', () => {
    const busy = liveRows(result(run('varnish', { origin: { requests: 660, perSecond: 11, peakSecond: 40 } })));
    expect(verdictOf(busy, 'update requests at the origin')).toBe('missed');
    const late = liveRows(result(run('varnish', { delay: { median: 7, p99: 14.1, max: 20, samples: 24_000 } })));
    expect(verdictOf(late, 'first poll with the entry')).toBe('missed');
    const unseen = liveRows(result(run('varnish', { unseen: 1 })));
    expect(verdictOf(unseen, 'first poll with the entry')).toBe('missed');
  });

  it('counts any error against the budget of none, and says what the errors were', () => {
    const rows = liveRows(result(run('varnish', { errors: 2, errorKinds: { 'HTTP 503': 1, 'socket hang up': 1 } })));
    const errors = rows.find(([name]) => name!.includes("readers' errors"))!;
    expect(errors[1]).toBe('2 (1 × HTTP 503, 1 × socket hang up)');
    expect(errors[3]).toBe('missed');
    const direct = run('origin', { errors: 5, errorKinds: { 'timed out': 5 } });
    const unjudged = liveRows(result(run('varnish'), direct)).filter(([name]) => name!.includes("readers' errors"));
    expect(unjudged.map((row) => [row[1], row[3]])).toEqual([
      ['0', 'met'],
      ['5 (5 × timed out)', '—'],
    ]);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile([3], 0.99)).toBe(3);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('the counting pass-through', () => {
  let origin: Server;
  let proxy: CountingProxy;
  beforeAll(async () => {
    origin = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(201, { 'x-seen': `${req.method} ${req.url} ${req.headers['x-asked'] ?? ''}` });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    proxy = await startCountingProxy(`http://127.0.0.1:${(origin.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await proxy?.close();
    await new Promise((resolve) => origin?.close(resolve));
  });

  it('passes requests and answers through untouched and notes each arrival by path', async () => {
    const before = performance.now();
    const answer = await fetch(`${proxy.url}/api/stories/a/updates?since=3`, {
      method: 'POST',
      headers: { 'x-asked': 'yes' },
      body: 'the body',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-seen')).toBe('POST /api/stories/a/updates?since=3 yes');
    expect(await answer.text()).toBe('the body');
    await (await fetch(`${proxy.url}/readyz`)).text();
    const arrivals = proxy.arrivals('/api/stories/a/updates');
    expect(arrivals).toHaveLength(1);
    expect(arrivals[0]).toBeGreaterThanOrEqual(before);
    expect(proxy.arrivals('/readyz')).toHaveLength(1);
    expect(proxy.arrivals('/api/stories/b/')).toHaveLength(0);
  });
});
