import type { LiveUpdates } from '../../src/schema';
import { keyTarget, type Changes } from '../changes';
import type { LiveReads } from '../store';

/** One open event stream: where it is and what it has been sent. */
export interface Watcher {
  slug: string;
  /** The revision its page has: the next update is what changed after it. */
  rev: number;
  send(updates: LiveUpdates): void;
  /** Ends the stream (the server is draining); the reader's page falls back to polling. */
  end(): void;
}

/**
 * Under the minute most proxies (Varnish's between_bytes_timeout, nginx's proxy_read_timeout) allow a quiet
 * connection, with room for a late timer.
 */
export const HEARTBEAT_MS = 20_000;

export interface LiveEventsOptions {
  live: LiveReads;
  changes: Changes;
  pollSeconds: number;
  /** Open streams this server holds at most (LIVE_EVENTS_MAX); past it, readers poll. */
  maxConnections: number;
  /**
   * Open streams one address holds at most (LIVE_EVENTS_PER_ADDRESS), so that one client cannot take the whole
   * server's streams; past it, that address's pages poll.
   */
  maxPerAddress: number;
  /** Between heartbeats: each keeps proxies from closing a quiet stream and shows a dead one. */
  heartbeatMs?: number;
  /** How long a change waits for the ones that follow it, so a burst is read once. */
  coalesceMs?: number;
  log?: (message: string) => void;
}

export type LiveEvents = ReturnType<typeof createLiveEvents>;

/**
 * The event streams of this server, grouped by story. The change bus (which carries other servers' changes
 * too, through the cluster channel) names a story or its comments; the story's streams are then sent what
 * changed, read once for all of them however many readers there are.
 */
export function createLiveEvents({
  live,
  changes,
  pollSeconds,
  maxConnections,
  maxPerAddress,
  heartbeatMs = HEARTBEAT_MS,
  coalesceMs = 50,
  log = console.error,
}: LiveEventsOptions) {
  const bySlug = new Map<string, Set<Watcher>>();
  let open = 0;
  /** Open streams by address: at most one entry per open stream, so bounded by maxConnections. */
  const byAddress = new Map<string, number>();
  let closed = false;
  /** Stories changed while their streams were being sent to, or waiting for their burst to end. */
  const due = new Set<string>();
  const sending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function sendTo(slug: string) {
    const watchers = bySlug.get(slug);
    if (!watchers || watchers.size === 0 || sending.has(slug)) return;
    sending.add(slug);
    try {
      // Every stream of a story has had the same updates since its first, so the oldest revision is theirs.
      const since = Math.min(...[...watchers].map((watcher) => watcher.rev));
      const updates = await live.updates(slug, since);
      if (!updates) return;
      const answer = { ...updates, pollSeconds };
      for (const watcher of watchers) {
        watcher.rev = Math.max(watcher.rev, answer.rev);
        watcher.send(answer);
      }
    } catch (error) {
      log(`live events: ${slug}: ${(error as Error).message}`);
    } finally {
      sending.delete(slug);
      // A change that came while this one was read is sent now.
      if (due.has(slug)) schedule();
    }
  }

  function schedule() {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      for (const slug of [...due]) {
        if (sending.has(slug)) continue;
        due.delete(slug);
        void sendTo(slug);
      }
    }, coalesceMs);
  }

  const unsubscribe = changes.subscribe((keys) => {
    for (const key of keys) {
      const target = keyTarget(key);
      if (target.kind === 'any') for (const slug of bySlug.keys()) due.add(slug);
      else if ((target.kind === 'story' || target.kind === 'comments') && bySlug.has(target.id)) due.add(target.id);
    }
    if (due.size > 0) schedule();
  });

  return {
    pollSeconds,
    heartbeatMs,
    get open() {
      return open;
    },
    /**
     * Room for one more stream from `address`: what gives the room back (once, however often it is called), or
     * why there is none: the server's cap (or its draining), or the address's.
     */
    admit(address: string): { release: () => void } | { refused: 'server' | 'address' } {
      if (closed || open >= maxConnections) return { refused: 'server' };
      const held = byAddress.get(address) ?? 0;
      if (held >= maxPerAddress) return { refused: 'address' };
      open++;
      byAddress.set(address, held + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          open--;
          const left = (byAddress.get(address) ?? 1) - 1;
          if (left > 0) byAddress.set(address, left);
          else byAddress.delete(address);
        },
      };
    },
    /** Follows a stream admitted before; returns what stops following it. */
    watch(watcher: Watcher): () => void {
      let watchers = bySlug.get(watcher.slug);
      if (!watchers) bySlug.set(watcher.slug, (watchers = new Set()));
      watchers.add(watcher);
      return () => {
        if (!watchers.delete(watcher)) return;
        if (watchers.size === 0 && bySlug.get(watcher.slug) === watchers) bySlug.delete(watcher.slug);
      };
    },
    /** What changed after `since`, for a stream's first event. */
    async updates(slug: string, since: number): Promise<LiveUpdates | undefined> {
      const updates = await live.updates(slug, since);
      return updates && { ...updates, pollSeconds };
    },
    /** The server drains: every stream ends and no new one is admitted. */
    close() {
      closed = true;
      clearTimeout(timer);
      unsubscribe();
      for (const watchers of bySlug.values()) for (const watcher of watchers) watcher.end();
    },
  };
}
