/**
 * The one way a server cache holds things: a map bounded by the bytes its entries really hold (values as their
 * owners measure them, plus each key), dropping the least recently used first. Every cache an outsider can
 * fill (pages, API answers, feeds, rate-limit tables, idempotency keys) goes through it, so a flood of new keys
 * costs at most the budget.
 */
export interface BoundedCache<V> {
  get(key: string): V | undefined;
  /** Whether the key is kept, without making it more recent. */
  has(key: string): boolean;
  /** Keeps `value` as costing `bytes` (plus the key's own); a value larger than the whole budget is not kept. */
  set(key: string, value: V, bytes: number): void;
  delete(key: string): boolean;
  clear(): void;
  keys(): IterableIterator<string>;
  /** Bytes held now: values as measured plus keys. */
  readonly bytes: number;
  readonly size: number;
  readonly maxBytes: number;
}

/** What a Map entry costs beside its key and value: the map's slot, the entry record, the string header. */
const ENTRY_OVERHEAD = 96;

/** Bytes a key costs: JavaScript strings may take two bytes a character. */
export const keyBytes = (key: string) => ENTRY_OVERHEAD + 2 * key.length;

export function createBoundedCache<V>(maxBytes: number, onEvict?: (key: string, value: V) => void): BoundedCache<V> {
  // Map order is recency: a hit moves its entry to the end, eviction takes from the front.
  const entries = new Map<string, { value: V; bytes: number }>();
  let bytes = 0;

  function remove(key: string, evicted: boolean) {
    const entry = entries.get(key);
    if (!entry) return false;
    entries.delete(key);
    bytes -= entry.bytes;
    if (evicted) onEvict?.(key, entry.value);
    return true;
  }

  return {
    get maxBytes() {
      return maxBytes;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
    keys: () => entries.keys(),
    has: (key) => entries.has(key),
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, valueBytes) {
      remove(key, false);
      const cost = valueBytes + keyBytes(key);
      if (cost > maxBytes) return;
      entries.set(key, { value, bytes: cost });
      bytes += cost;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        remove(oldest, true);
      }
    },
    delete: (key) => remove(key, false),
    clear() {
      entries.clear();
      bytes = 0;
    },
  };
}

/**
 * The buffer's bytes in a backing store of exactly its length. zlib's results keep their 16 KiB working buffer
 * and small `Buffer.from` copies share an 8 KiB pool, so a cache counting `length` would undercount what it holds.
 */
export function exactBuffer(buffer: Buffer): Buffer {
  if (buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length) return buffer;
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
}

/** Bytes a buffer keeps alive: its whole backing store, not just its view. */
export const heldBytes = (buffer: Buffer) => buffer.buffer.byteLength;
