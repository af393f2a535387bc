import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumFlags, chromiumPath } from './chromium';

/**
 * One Lighthouse run with its default settings (mobile form factor, simulated slow 4G and 4x CPU slowdown)
 * in a fresh Debian Chromium, so no run sees another's cache.
 */

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseRun {
  url: string;
  lighthouseVersion: string;
  /** 0 to 100, as Lighthouse shows them. */
  scores: Record<Category, number>;
  /** Milliseconds. */
  lcp: number;
  fcp: number;
  tbt: number;
  speedIndex: number;
  cls: number;
  /** Audits in the four categories that did not pass, as "category: id (score)". */
  failing: string[];
  /** What those audits found, a few items each, for reading in bench/results.json. */
  findings: Record<string, unknown[]>;
  /**
   * Where the main thread's time went, for diagnosing TBT: Lighthouse's long tasks (with the script each is
   * attributed to), its main-thread breakdown by kind of work, and script time by file.
   */
  mainThread: Record<string, unknown[]>;
  /**
   * Lighthouse's own measure of the machine's CPU speed (environment.benchmarkIndex; higher is faster). Its
   * simulated 4x slowdown multiplies what the machine gives, so TBT is comparable only between runs whose
   * indexes are close.
   */
  benchmarkIndex: number;
  /** Bytes of images the page transferred (Lighthouse's network-requests, resource type Image). */
  imageBytes: number;
}

export async function runLighthouse(url: string): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: chromiumFlags,
    logLevel: 'error',
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError)
      throw new Error(`Lighthouse could not measure ${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const numeric = (id: string) => {
      const value = lhr.audits[id]?.numericValue;
      if (typeof value !== 'number') throw new Error(`Lighthouse measured no ${id} on ${url}`);
      return value;
    };
    const scores = {} as Record<Category, number>;
    const failing: string[] = [];
    const findings: Record<string, unknown[]> = {};
    for (const category of CATEGORIES) {
      const entry = lhr.categories[category];
      if (!entry || entry.score === null) throw new Error(`Lighthouse gave no ${category} score for ${url}`);
      scores[category] = Math.round(entry.score * 100);
      for (const ref of entry.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          failing.push(`${category}: ${ref.id} (${audit.score})`);
          const items = (audit.details as { items?: unknown[] } | undefined)?.items;
          if (items && items.length > 0) findings[ref.id] = items.slice(0, 5);
        }
      }
    }
    const mainThread: Record<string, unknown[]> = {};
    for (const id of ['long-tasks', 'mainthread-work-breakdown', 'bootup-time']) {
      const items = (lhr.audits[id]?.details as { items?: unknown[] } | undefined)?.items;
      if (items) mainThread[id] = items.slice(0, 20);
    }
    return {
      url,
      lighthouseVersion: lhr.lighthouseVersion,
      scores,
      lcp: numeric('largest-contentful-paint'),
      fcp: numeric('first-contentful-paint'),
      tbt: numeric('total-blocking-time'),
      speedIndex: numeric('speed-index'),
      cls: numeric('cumulative-layout-shift'),
      failing,
      findings,
      mainThread,
      benchmarkIndex: lhr.environment.benchmarkIndex,
      imageBytes: (
        ((lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] })
          ?.items ?? []) as { resourceType?: string; transferSize?: number }[]
      )
        .filter((item) => item.resourceType === 'Image')
        .reduce((sum, item) => sum + (item.transferSize ?? 0), 0),
    };
  } finally {
    chrome.kill();
  }
}
