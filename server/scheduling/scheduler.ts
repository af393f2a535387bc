import type { Changes } from '../changes';
import type { ScheduleReads } from '../store';

export interface SchedulerOptions {
  schedule: Pick<ScheduleReads, 'nextAt' | 'dueKeys'>;
  changes: Changes;
  log?: (message: string) => void;
  /** The longest the timer waits before looking again: a far date is re-checked this often. */
  maxWaitMs?: number;
  /** How long after a story's time the timer fires, so the story's time has passed on this clock too. */
  marginMs?: number;
  /** How long to wait before trying again when the database did not answer. */
  retryMs?: number;
  now?: () => number;
}

export interface Scheduler {
  /** Settles once the first timer is set (tests wait for it). */
  readonly ready: Promise<void>;
  stop(): void;
}

const HOUR = 3_600_000;

/**
 * Tells the caches when a story dated ahead comes due. Reads already leave such a story out until its time
 * (server/store/liveStories.ts); what they computed before it, the page and API caches and the CDN keep until a
 * change names it. One timer waits for the soonest scheduled story (at most `maxWaitMs`, so a far date is looked
 * at again), and when it fires the keys of every story that came due since the last look are published on the
 * change bus. Any change heard on the bus (a write here, or relayed from another server) sets the timer again,
 * since a write may add, move or withdraw a scheduled story. Every server runs one: each purges its own caches
 * on its own clock, and its publication also reaches the CDN and the other servers (a purge twice is harmless).
 */
export function startScheduler({
  schedule,
  changes,
  log = console.error,
  maxWaitMs = HOUR,
  marginMs = 25,
  retryMs = 5000,
  now = Date.now,
}: SchedulerOptions): Scheduler {
  let since = new Date(now()).toISOString();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // Each arm counts; an older one that finishes after a newer one has started leaves the timer alone.
  let generation = 0;
  // A look at the due stories failed: the next one comes soon, whatever the next scheduled time.
  let behind = false;

  const wait = (ms: number, then: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(then, Math.max(0, Math.min(ms, maxWaitMs)));
    timer.unref();
  };

  async function arm(): Promise<void> {
    const mine = ++generation;
    let next: string | undefined;
    try {
      next = await schedule.nextAt(new Date(now()).toISOString());
    } catch (error) {
      if (stopped || mine !== generation) return;
      log(`scheduling: could not read the next scheduled story (${(error as Error).message}); trying again`);
      wait(retryMs, () => void arm());
      return;
    }
    if (stopped || mine !== generation) return;
    const untilNext = next === undefined ? maxWaitMs : Date.parse(next) - now() + marginMs;
    wait(behind ? Math.min(untilNext, retryMs) : untilNext, () => void fire());
  }

  async function fire(): Promise<void> {
    const upTo = new Date(now()).toISOString();
    try {
      const keys = await schedule.dueKeys(since, upTo);
      since = upTo;
      behind = false;
      if (keys.length > 0 && !stopped) changes.publish(keys);
    } catch (error) {
      if (stopped) return;
      log(`scheduling: could not read the stories now due (${(error as Error).message}); trying again`);
      behind = true;
    }
    await arm();
  }

  const unsubscribe = changes.subscribe(() => void arm());
  const ready = arm();
  return {
    ready,
    stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
    },
  };
}
