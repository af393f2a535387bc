import type { Changes } from './bus';
import { changeKey, type ChangeKey } from './keys';

/**
 * When each change key last changed, counted in the bus's versions: whether an answer read at some version still
 * shows what its keys name now. An answer is then dropped only by a change to something it shows (as pages are,
 * and as the CDN's copies are purged), not by every change on the site: a comment approved on one story leaves the
 * search answers and the other stories' answers standing.
 */
export interface KeyClock {
  /** The version to note before a read: a change that lands during the read is later than it. */
  readonly now: number;
  /**
   * Whether nothing named by `keys` changed after `readAt`. An answer with no keys may show anything: it is current
   * only while nothing at all has changed.
   */
  unchangedSince(readAt: number, keys: readonly ChangeKey[]): boolean;
}

/**
 * Keys are remembered up to `maxKeys` (their strings are short, so that bounds the bytes). Past it, or on `*` (a
 * gap in the cluster channel), every key is forgotten and everything read before counts as changed: a bound that
 * costs reads, never shows an old answer.
 */
export function createKeyClock(changes: Changes, maxKeys = 10_000): KeyClock {
  const changedAt = new Map<ChangeKey, number>();
  /** Everything read before this version counts as changed. */
  let floor = 0;
  changes.subscribe((keys) => {
    const version = changes.version;
    if (keys.includes(changeKey.any)) {
      changedAt.clear();
      floor = version;
      return;
    }
    for (const key of keys) changedAt.set(key, version);
    if (changedAt.size > maxKeys) {
      changedAt.clear();
      floor = version;
    }
  });
  return {
    get now() {
      return changes.version;
    },
    unchangedSince(readAt, keys) {
      if (readAt < floor) return false;
      if (keys.length === 0) return readAt === changes.version;
      return keys.every((key) => (changedAt.get(key) ?? 0) <= readAt);
    },
  };
}
