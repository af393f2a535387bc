import { createBoundedCache, exactBuffer, heldBytes, keyBytes } from '../caches';
import type { Changes } from '../changes';
import { compressedCopy, weakTag } from '../http';
import { changeKey, type ChangeKey } from '../changes';

/** A rendered page as it is sent: the HTML, its compressed forms, its tag and the change keys it shows. */
export interface CachedPage {
  status: number;
  html: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  /** Change-bus keys (server/changes/bus.ts) naming everything the page shows; also its surrogate keys. */
  keys: readonly ChangeKey[];
  /** False for a page no cache may keep (a render that read an error): sent `no-store`. */
  cacheable: boolean;
  /** What it holds in memory (pageBytes): its buffers' backing stores, its keys and its index entries. */
  bytes: number;
}

export interface RenderedHtml {
  status: number;
  html: string;
  /** Change-bus keys the page shows; `*` for a page that any change may alter. */
  keys: ChangeKey[];
  /** The page's content without per-render details (fetch times): its ETag, so an unchanged page still gets 304s. */
  fingerprint: string;
  /** False when what the page shows is an error (a read failed): served once, never kept. Default true. */
  cacheable?: boolean;
}

export interface PageCache {
  /** The page at `url`, rendered by `render` only when no current copy is kept (concurrent misses share one render). */
  get(url: string, render: () => Promise<RenderedHtml>): Promise<CachedPage>;
  /** Whether `get` would answer without a new render: the page is kept, or a render of it is under way. */
  has(url: string): boolean;
  readonly bytes: number;
  readonly size: number;
  readonly maxBytes: number;
}

/**
 * What a page really holds: each buffer's whole backing store, its key strings, and its place in the byKey
 * index (one set entry per key, and the key itself when no other page holds it: counted always, an upper bound).
 */
export const pageBytes = (page: Pick<CachedPage, 'html' | 'gzip' | 'br' | 'keys'>) =>
  heldBytes(page.html) +
  heldBytes(page.gzip) +
  heldBytes(page.br) +
  page.keys.reduce((sum, key) => sum + 2 * keyBytes(key) + keyBytes(''), 0);

/**
 * Each page is rendered once per change of what it shows, compressed once, and then served as a memory copy.
 * A page is dropped when the change bus names any key it carries; memory is bounded by the bytes it holds
 * (server/caches/bounded.ts), least recently used first. A render marked not cacheable (an error, a failed read)
 * is handed to those waiting for it and never kept.
 */
export function createPageCache(changes: Changes, maxBytes: number): PageCache {
  const byKey = new Map<string, Set<string>>();
  const unindex = (url: string, page: CachedPage) => {
    for (const key of page.keys) {
      const urls = byKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) byKey.delete(key);
    }
  };
  const pages = createBoundedCache<CachedPage>(maxBytes, unindex);
  const rendering = new Map<string, { promise: Promise<CachedPage>; stale: boolean }>();

  function drop(url: string) {
    const page = pages.get(url);
    if (!page) return;
    pages.delete(url);
    unindex(url, page);
  }

  changes.subscribe((keys) => {
    // `*` as a change (the cluster channel had a gap): anything may be stale.
    if (keys.includes(changeKey.any)) for (const url of [...pages.keys()]) drop(url);
    for (const key of [...keys, changeKey.any]) for (const url of [...(byKey.get(key) ?? [])]) drop(url);
    // What a render in progress read may already be out of date: it is served to those waiting, not kept.
    for (const inFlight of rendering.values()) inFlight.stale = true;
  });

  function store(url: string, page: CachedPage) {
    drop(url);
    pages.set(url, page, page.bytes);
    // Too big for the whole budget: not kept, so not indexed.
    if (pages.get(url) !== page) return;
    for (const key of page.keys) {
      let urls = byKey.get(key);
      if (!urls) byKey.set(key, (urls = new Set()));
      urls.add(url);
    }
  }

  return {
    get bytes() {
      return pages.bytes;
    },
    get size() {
      return pages.size;
    },
    maxBytes,
    has: (url) => pages.has(url) || rendering.has(url),
    get(url, render) {
      const cached = pages.get(url);
      if (cached) return Promise.resolve(cached);
      const running = rendering.get(url);
      if (running) return running.promise;
      const inFlight = { stale: false, promise: undefined as unknown as Promise<CachedPage> };
      inFlight.promise = render()
        .then(({ status, html, keys, fingerprint, cacheable = true }) => {
          const plain = exactBuffer(Buffer.from(html));
          const page: CachedPage = {
            status,
            html: plain,
            gzip: compressedCopy(plain, 'gzip'),
            br: compressedCopy(plain, 'br'),
            etag: weakTag(fingerprint),
            keys: [...new Set(keys)].sort(),
            cacheable,
            bytes: 0,
          };
          page.bytes = pageBytes(page);
          if (!inFlight.stale && cacheable) store(url, page);
          return page;
        })
        .finally(() => rendering.delete(url));
      rendering.set(url, inFlight);
      return inFlight.promise;
    },
  };
}
