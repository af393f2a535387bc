import { describe, expect, it } from 'vitest';
import { IMAGE_AUDITS, photoRows, type PhotosResult, type PhotoVisit } from './photos';

const passing: PhotoVisit['audits'] = Object.fromEntries(
  IMAGE_AUDITS.map((id) => [id, { score: 1, mode: 'metricSavings' }]),
);
const visit = (lcp: number, imageBytes: number, audits: PhotoVisit['audits'] = passing): PhotoVisit => ({
  lcp,
  imageBytes,
  images: [],
  audits,
});
const load = (requestsPerSecond: number) => ({
  title: '',
  requestsPerSecond,
  latency: { p50: 1, p99: 2, max: 3 },
  total: 1,
  durationSeconds: 1,
  statusCodes: { 200: 1 },
  errors: 0,
  timeouts: 0,
});
const result = (overrides: Partial<PhotosResult> = {}): PhotosResult => ({
  originalBytes: 7_500_000,
  byline: [visit(1000, 20_000), visit(1100, 20_000), visit(5000, 20_000)],
  floor: [visit(1000, 19_000), visit(1000, 19_000), visit(1000, 19_000)],
  floorImage: '',
  variantsFromDisk: load(900),
  storyApi: load(800),
  pages: { unloaded: { p99: 10, count: 100 }, loaded: { p99: 19, count: 100 } },
  cold: { count: 50, seconds: 20, peakRssGrowth: 90 * 1024 * 1024, rssBefore: 0, statuses: { 200: 50 } },
  settledSeconds: 10,
  ...overrides,
});
const verdicts = (photos: PhotosResult) => photoRows(photos).map((row) => row[3]);

describe('the photo rows', () => {
  it('meet their budgets on medians, so one slow Lighthouse run does not decide', () => {
    expect(verdicts(result())).toEqual(['met', 'met', 'met', '—', 'met', 'met']);
  });

  it('miss each budget it overruns', () => {
    const notApplicable = { ...passing, 'lcp-lazy-loaded': { score: null, mode: 'notApplicable' } };
    const failing = { ...passing, 'modern-image-formats': { score: 0.5, mode: 'metricSavings' } };
    expect(
      verdicts(
        result({
          byline: [visit(1200, 800_000, notApplicable), visit(1200, 800_000, failing), visit(1200, 800_000)],
          cold: { count: 50, seconds: 20, peakRssGrowth: 300 * 1024 * 1024, rssBefore: 0, statuses: {} },
          pages: { unloaded: { p99: 10, count: 100 }, loaded: { p99: 21, count: 100 } },
        }),
      ),
    ).toEqual(['missed', 'missed', 'missed', '—', 'missed', 'missed']);
    expect(photoRows(result({ byline: [visit(1000, 20_000, failing)] }))[2]![1]).toBe(
      'failing: modern-image-formats (0.5)',
    );
    expect(photoRows(result({ byline: [visit(1000, 20_000, notApplicable)] }))[2]![3]).toBe('met');
    // An audit that could not run is no pass.
    const errored = { ...passing, 'lcp-lazy-loaded': { score: null, mode: 'error', error: 'no trace' } };
    expect(photoRows(result({ byline: [visit(1000, 20_000, errored)] }))[2]!.slice(1)).toEqual([
      'failing: lcp-lazy-loaded (error: no trace)',
      'all pass',
      'missed',
    ]);
  });
});
