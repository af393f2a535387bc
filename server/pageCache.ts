import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Changes } from './changes';

/** A rendered page as it is sent: the HTML, its compressed forms, its tag and the change keys it shows. */
export interface CachedPage {
  status: number;
  html: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  /** Change-bus keys (server/changes.ts) naming everything the page shows; also its surrogate keys. */
  keys: readonly string[];
  bytes: number;
}

export interface RenderedHtml {
  status: number;
  html: string;
  /** Change-bus keys the page shows; `*` for a page that any change may alter. */
  keys: string[];
  /** The page's content without per-render details (fetch times): its ETag, so an unchanged page still gets 304s. */
  fingerprint: string;
}

export interface PageCache {
  /** The page at `url`, rendered by `render` only when no current copy is kept (concurrent misses share one render). */
  get(url: string, render: () => Promise<RenderedHtml>): Promise<CachedPage>;
  readonly bytes: number;
  readonly size: number;
}

/**
 * Each page is rendered once per change of what it shows, compressed once, and then served as a memory copy.
 * A page is dropped when the change bus names any key it carries; memory is bounded by bytes (HTML plus both
 * compressed copies), least recently used first.
 */
export function createPageCache(changes: Changes, maxBytes: number): PageCache {
  // Map order is recency: a hit moves its page to the end, eviction takes from the front.
  const pages = new Map<string, CachedPage>();
  const byKey = new Map<string, Set<string>>();
  const rendering = new Map<string, { promise: Promise<CachedPage>; stale: boolean }>();
  let bytes = 0;

  function drop(url: string) {
    const page = pages.get(url);
    if (!page) return;
    pages.delete(url);
    bytes -= page.bytes;
    for (const key of page.keys) {
      const urls = byKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) byKey.delete(key);
    }
  }

  changes.subscribe((keys) => {
    for (const key of [...keys, '*']) for (const url of [...(byKey.get(key) ?? [])]) drop(url);
    // What a render in progress read may already be out of date: it is served to those waiting, not kept.
    for (const inFlight of rendering.values()) inFlight.stale = true;
  });

  function store(url: string, page: CachedPage) {
    if (page.bytes > maxBytes) return;
    drop(url);
    pages.set(url, page);
    bytes += page.bytes;
    for (const key of page.keys) {
      let urls = byKey.get(key);
      if (!urls) byKey.set(key, (urls = new Set()));
      urls.add(url);
    }
    for (const oldest of pages.keys()) {
      if (bytes <= maxBytes) break;
      drop(oldest);
    }
  }

  return {
    get bytes() {
      return bytes;
    },
    get size() {
      return pages.size;
    },
    get(url, render) {
      const cached = pages.get(url);
      if (cached) {
        pages.delete(url);
        pages.set(url, cached);
        return Promise.resolve(cached);
      }
      const running = rendering.get(url);
      if (running) return running.promise;
      const inFlight = { stale: false, promise: undefined as unknown as Promise<CachedPage> };
      inFlight.promise = render()
        .then(({ status, html, keys, fingerprint }) => {
          const plain = Buffer.from(html);
          const page: CachedPage = {
            status,
            html: plain,
            gzip: gzipSync(plain, { level: 6 }),
            br: brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
            etag: `W/"${createHash('sha1').update(fingerprint).digest('base64url')}"`,
            keys: [...new Set(keys)].sort(),
            bytes: 0,
          };
          page.bytes = page.html.length + page.gzip.length + page.br.length;
          if (!inFlight.stale) store(url, page);
          return page;
        })
        .finally(() => rendering.delete(url));
      rendering.set(url, inFlight);
      return inFlight.promise;
    },
  };
}
