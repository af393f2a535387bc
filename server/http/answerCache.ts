import type { Context } from 'hono';

import { createBoundedCache, exactBuffer, heldBytes, keyBytes } from '../caches';
import { createKeyClock, surrogateKeyHeaders, type ChangeKey } from '../changes';
import type { Changes } from '../changes';
import { compressedCopy, sendKept, weakTag } from './answers';
import { DEFAULT_API_CACHE_BYTES } from '../config';
import { isDatabaseUnavailable } from '../store';

interface Found {
  entry: Entry;
  /** An old answer served while the database is away. */
  stale: boolean;
}

interface Entry {
  /** The bus's version when the read began (server/changes/keyClock.ts). */
  readAt: number;
  json: Buffer;
  etag: string;
  /** The change-bus keys of what the answer shows: its surrogate keys. */
  keys: ChangeKey[];
  gzip?: Buffer;
  br?: Buffer;
}

/** Bytes an answer holds: the whole backing store of each buffer kept, and its keys' strings. */
const entryBytes = (entry: Entry) =>
  heldBytes(entry.json) +
  (entry.gzip ? heldBytes(entry.gzip) : 0) +
  (entry.br ? heldBytes(entry.br) : 0) +
  entry.keys.reduce((sum, key) => sum + keyBytes(key), 0);

/** The values a route read from the query, by name: only these make an answer differ. */
export type ReadQuery = Record<string, string | number | undefined>;

/** One JSON answer as its route declares it. */
export interface Answer<T> {
  cacheControl: string;
  /** Reads the data; undefined when there is nothing (the route answers 404). */
  produce: () => Promise<T | undefined> | T | undefined;
  /** The change keys of what the answer shows (server/changes/keys.ts): its surrogate keys and its purges. */
  keys: (value: T) => ChangeKey[];
  /** The query values the route read, as it parsed them; nothing else in the URL makes a new entry. */
  query?: ReadQuery;
  /** Asked only when the answer must be read afresh: a response here (a rate limit's) is sent instead. */
  beforeRead?: () => Response | undefined;
}

/**
 * The cache's key for an answer: the path and the query values the route read (as it parsed them), in a fixed
 * order. A parameter the route does not read (?x=1, utm_source) never makes a new entry.
 */
export function answerKey(path: string, query: ReadQuery = {}): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(query).sort()) {
    const value = query[name];
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return path + (search ? `?${search}` : '');
}

/**
 * While the database is away, an old answer may be served, but no cache may keep it (past a purge it did not
 * see), and a page rendered from it is not kept either (server/pages/serve.ts).
 */
const STALE_ANSWER = 'no-store';

/**
 * Keeps each GET answer serialized, tagged and compressed until what it shows changes (a change naming one of
 * its keys; server/changes/keyClock.ts), so a read costs a map
 * lookup instead of queries, JSON, hashing and compression: what a busy story page needs. While the database
 * is away, it serves the last answer it has for a URL. Bounded by the bytes it holds (API_CACHE_BYTES).
 */
export function createResponseCache(changes: Changes, maxBytes = DEFAULT_API_CACHE_BYTES) {
  const entries = createBoundedCache<Entry>(maxBytes);
  const clock = createKeyClock(changes);
  /** Kept and still showing what its keys name now. */
  const isCurrent = (entry: Entry | undefined): entry is Entry =>
    entry !== undefined && clock.unchangedSince(entry.readAt, entry.keys);
  /**
   * Reads under way, by key, with the version they began at: requests for the same answer while it is read
   * share that one read (after a publish, a popular search or story is read once, not once per reader waiting).
   */
  const reading = new Map<string, { readAt: number; found: Promise<Found | undefined> }>();
  /**
   * A read under way that nothing has changed since it began. Its keys are known only when it ends, so any
   * change at all means a request after it reads again: it may show what the change replaced.
   */
  const sharedRead = (key: string) => {
    const running = reading.get(key);
    return running && running.readAt === clock.now ? running : undefined;
  };

  /** The kept answer, a read under way, or a new read; or the answer's `beforeRead` refusal, asked only then. */
  function entryFor<T>(key: string, answer: Answer<T>): Promise<Found | Response | undefined> {
    const cached = entries.get(key);
    if (isCurrent(cached)) return Promise.resolve({ entry: cached, stale: false });
    const running = sharedRead(key);
    if (running) return running.found;
    // Only a request that starts a read counts against a limit: kept answers, and reads already under way for
    // someone else, are served whatever the limit says.
    const refusal = answer.beforeRead?.();
    if (refusal) return Promise.resolve(refusal);
    const read = { readAt: clock.now, found: readEntry(key, answer, cached) };
    reading.set(key, read);
    const done = () => {
      if (reading.get(key) === read) reading.delete(key);
    };
    read.found.then(done, done);
    return read.found;
  }

  async function readEntry<T>(key: string, answer: Answer<T>, cached: Entry | undefined): Promise<Found | undefined> {
    // The version before the read: a change that lands while we read leaves this entry stale, not the next one.
    const readAt = clock.now;
    let value: T | undefined;
    try {
      value = await answer.produce();
    } catch (error) {
      // While the database is away, the last answer we have beats an error: readers keep reading.
      if (cached && isDatabaseUnavailable(error)) return { entry: cached, stale: true };
      throw error;
    }
    if (value === undefined) return undefined;
    const json = exactBuffer(Buffer.from(JSON.stringify(value)));
    const entry: Entry = {
      readAt,
      json,
      etag: weakTag(json),
      keys: answer.keys(value),
    };
    entries.set(key, entry, entryBytes(entry));
    return { entry, stale: false };
  }

  /** Keeps a compressed copy made on first demand, counted in the entry's bytes. */
  function compressed(key: string, entry: Entry, kind: 'gzip' | 'br'): Buffer {
    const kept = entry[kind];
    if (kept) return kept;
    const made = compressedCopy(entry.json, kind);
    entry[kind] = made;
    // Counted again with its new copy, if it is still the cache's (a newer answer may have replaced it).
    if (entries.get(key) === entry) entries.set(key, entry, entryBytes(entry));
    return made;
  }

  /** The cached JSON answer for this request, or undefined when `produce` finds nothing (the caller's 404). */
  async function cachedJson<T>(c: Context, answer: Answer<T>): Promise<Response | undefined> {
    const key = answerKey(c.req.path, answer.query);
    const found = await entryFor(key, answer);
    if (!found || found instanceof Response) return found;
    const { entry, stale } = found;
    const headers: Record<string, string> = {
      ETag: entry.etag,
      'Cache-Control': stale ? STALE_ANSWER : answer.cacheControl,
      Vary: 'Accept-Encoding',
      ...surrogateKeyHeaders(entry.keys),
    };
    return sendKept(
      c,
      {
        etag: entry.etag,
        plain: entry.json,
        br: () => compressed(key, entry, 'br'),
        gzip: () => compressed(key, entry, 'gzip'),
        type: 'application/json; charset=UTF-8',
      },
      200,
      headers,
    );
  }

  // The kept answers' totals, for tests that hold the cache to its budget.
  return Object.defineProperties(cachedJson, {
    bytes: { get: () => entries.bytes },
    size: { get: () => entries.size },
    maxBytes: { value: maxBytes },
  }) as typeof cachedJson & { readonly bytes: number; readonly size: number; readonly maxBytes: number };
}

export type CachedJson = ReturnType<typeof createResponseCache>;
