/**
 * The transforms waiting for a turn: at most `concurrency` run at once, those a reader waits for before those
 * made ahead, and one transform per key however many ask for it (later callers share the first one's promise).
 * The background line is bounded: past `maxBackground` waiting, new background work is dropped (a reader's
 * request makes it later).
 */
export function createTransformQueue(concurrency: number, maxBackground = 1000) {
  type Job = {
    key: string;
    work: () => Promise<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  };
  const inFlight = new Map<string, Promise<unknown>>();
  const foreground: Job[] = [];
  const background: Job[] = [];
  let running = 0;

  function pump() {
    while (running < concurrency) {
      const job = foreground.shift() ?? background.shift();
      if (!job) return;
      running++;
      job
        .work()
        .then(job.resolve, job.reject)
        .finally(() => {
          running--;
          inFlight.delete(job.key);
          pump();
        });
    }
  }

  function run<T>(key: string, work: () => Promise<T>, urgent: boolean): Promise<T> | undefined {
    const existing = inFlight.get(key);
    if (existing) {
      // A reader now waits for work queued in the background: move it to the front line.
      if (urgent) {
        const index = background.findIndex((job) => job.key === key);
        if (index >= 0) foreground.push(...background.splice(index, 1));
      }
      return existing as Promise<T>;
    }
    if (!urgent && background.length >= maxBackground) return undefined;
    const promise = new Promise<T>((resolve, reject) => {
      const job: Job = { key, work, resolve: resolve as (value: unknown) => void, reject };
      (urgent ? foreground : background).push(job);
    });
    inFlight.set(key, promise);
    pump();
    return promise;
  }

  return {
    /** Runs `work` for a reader waiting on it, or joins the run already under way for `key`. */
    now: <T>(key: string, work: () => Promise<T>) => run(key, work, true)!,
    /** Queues `work` behind every reader's; undefined when the background line is full. */
    later: <T>(key: string, work: () => Promise<T>) => {
      const promise = run(key, work, false);
      promise?.catch(() => {}); // the caller logs its own failures; nothing waits on this one
      return promise;
    },
    get running() {
      return running;
    },
    get waiting() {
      return foreground.length + background.length;
    },
  };
}

export type TransformQueue = ReturnType<typeof createTransformQueue>;
