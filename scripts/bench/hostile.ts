import autocannon from 'autocannon';
import { DEFAULT_PAGE_CACHE_BYTES, DEFAULT_RATE_TABLE_BYTES } from '../../server/config';
import { PAGE_HEADERS, summarise, type LoadOptions, type LoadResult } from './load';
import { memory } from './processes';

/**
 * The "hostile mix": readers of a cached page, at the bench's connections, while another client floods what an
 * attacker sends to make the server work: invalid comment forms (each answered by a render), garbage ?cursor=
 * values and new Host values (each a new URL a cache could be made to hold). The readers are measured alone
 * first, then beside the flood; the server's resident memory is sampled throughout.
 */

/** What the server may hold beyond its footprint before the flood: its cache budgets, and a stated margin. */
export const HOSTILE_MEMORY_MARGIN = 48 * 1024 * 1024;
export const hostileMemoryBudget = (before: number) =>
  before + DEFAULT_PAGE_CACHE_BYTES + 2 * DEFAULT_RATE_TABLE_BYTES + HOSTILE_MEMORY_MARGIN;

export interface HostileResult {
  /** Readers alone. */
  quiet: LoadResult;
  /** The same readers beside the flood. */
  hostile: LoadResult;
  /** The flood's own answers. */
  flood: LoadResult;
  /** Readers' requests that failed beside the flood: connection errors, timeouts and non-2xx answers. */
  readerErrors: number;
  memory: { before: number; peak: number; after: number; budget: number };
}

const readers = (url: string, options: LoadOptions) =>
  autocannon({ url, connections: options.connections, duration: options.seconds, headers: PAGE_HEADERS });

function flood(base: string, slug: string, options: LoadOptions) {
  let n = 0;
  const garbage = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
  return autocannon({
    url: base,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: `/stories/${slug}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...PAGE_HEADERS },
        // Invalid (no name, a bad email): the answer is the page rendered with the errors.
        body: new URLSearchParams({ comment: 'Buy now', name: '', email: 'not-an-email' }).toString(),
      },
      {
        method: 'GET',
        headers: PAGE_HEADERS,
        setupRequest: (request) => ({ ...request, path: `/stories/${slug}?cursor=${garbage()}%00'%22<x>` }),
      },
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/stories/${slug}`,
          headers: { ...PAGE_HEADERS, host: `h${garbage()}.example` },
        }),
      },
    ],
  });
}

export async function measureHostileMix(
  base: string,
  slug: string,
  pid: number,
  options: LoadOptions & { floodConnections: number },
): Promise<HostileResult> {
  const url = `${base}/stories/${slug}`;
  await readers(url, { connections: options.connections, seconds: 1 });
  const quiet = summarise(`GET /stories/${slug} alone`, await readers(url, options));

  const before = memory(pid).rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memory(pid).rss);
  }, 250);
  try {
    const [read, flooded] = await Promise.all([
      readers(url, options),
      flood(base, slug, { connections: options.floodConnections, seconds: options.seconds }),
    ]);
    const hostile = summarise(`GET /stories/${slug} beside the flood`, read);
    const after = memory(pid).rss;
    peak = Math.max(peak, after);
    return {
      quiet,
      hostile,
      flood: summarise('the flood', flooded),
      readerErrors: read.errors + read.timeouts + read.non2xx,
      memory: { before, peak, after, budget: hostileMemoryBudget(before) },
    };
  } finally {
    clearInterval(sampler);
  }
}
