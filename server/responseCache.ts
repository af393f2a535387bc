import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';

import type { Changes } from './changes';
import { isDatabaseUnavailable } from './store/unavailable';

interface Entry {
  version: number;
  json: Buffer;
  etag: string;
  gzip?: Buffer;
  br?: Buffer;
}

/**
 * Keeps each GET answer serialized, tagged and compressed until the data changes, so a read costs a map
 * lookup instead of queries, JSON, hashing and compression: what a busy story page needs. While the database
 * is away, it serves the last answer it has for a URL.
 */
export function createResponseCache(changes: Changes, maxEntries = 2000) {
  const entries = new Map<string, Entry>();

  async function entryFor(key: string, produce: () => unknown): Promise<Entry | undefined> {
    const cached = entries.get(key);
    if (cached && cached.version === changes.version) return cached;
    // The version before the read: a change that lands while we read leaves this entry stale, not the next one.
    const readVersion = changes.version;
    let value: unknown;
    try {
      value = await produce();
    } catch (error) {
      // While the database is away, the last answer we have beats an error: readers keep reading.
      if (cached && isDatabaseUnavailable(error)) return cached;
      throw error;
    }
    if (value === undefined) return undefined;
    const json = Buffer.from(JSON.stringify(value));
    const entry: Entry = {
      version: readVersion,
      json,
      etag: `W/"${createHash('sha1').update(json).digest('base64url')}"`,
    };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return entry;
  }

  /** The cached JSON answer for this request, or undefined when `produce` finds nothing (the caller's 404). */
  return async function cachedJson(
    c: Context,
    cacheControl: string,
    produce: () => unknown,
  ): Promise<Response | undefined> {
    const entry = await entryFor(c.req.url, produce);
    if (!entry) return undefined;
    const headers: Record<string, string> = { ETag: entry.etag, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' };
    if (c.req.header('if-none-match')?.split(/\s*,\s*/).includes(entry.etag)) return c.body(null, 304, headers);
    const accepted = c.req.header('accept-encoding') ?? '';
    let body: Buffer = entry.json;
    if (/\bbr\b/.test(accepted)) {
      body = entry.br ??= brotliCompressSync(entry.json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
      headers['Content-Encoding'] = 'br';
    } else if (/\bgzip\b/.test(accepted)) {
      body = entry.gzip ??= gzipSync(entry.json, { level: 6 });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Type'] = 'application/json; charset=UTF-8';
    return c.body(new Uint8Array(body), 200, headers);
  };
}

export type CachedJson = ReturnType<typeof createResponseCache>;
