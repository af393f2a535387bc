import { useEffect, useRef } from 'react';

/** How much longer the wait is while the tab is hidden: a background tab barely costs the origin. */
export const HIDDEN_BACKOFF = 6;

/** How far each wait may stray from the pace, either way: readers who loaded together drift apart. */
export const JITTER = 0.15;

/** `ms`, moved at random by up to JITTER of it, so 12 s is anywhere from 10.2 to 13.8 s. */
export const jittered = (ms: number, random = Math.random) => ms * (1 - JITTER + 2 * JITTER * random());

/**
 * Calls `poll` about every `seconds` (JITTER either way) while the page is visible, and every HIDDEN_BACKOFF times that while hidden
 * (at once when it shows again), until `active` is false. One call at a time; a failed call waits twice as
 * long before the next (up to the hidden pace), so a struggling server is not pressed harder.
 */
export function usePolling(poll: (signal: AbortSignal) => Promise<void>, seconds: number, active: boolean) {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  });
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let running = false;
    const controller = new AbortController();
    const wait = () => {
      const hidden = document.visibilityState === 'hidden';
      const base = seconds * 1000 * (hidden ? HIDDEN_BACKOFF : 1);
      return Math.min(base * 2 ** failures, seconds * 1000 * HIDDEN_BACKOFF);
    };
    const schedule = (ms = jittered(wait())) => {
      clearTimeout(timer);
      timer = setTimeout(run, ms);
    };
    async function run() {
      if (running) return;
      running = true;
      try {
        await latest.current(controller.signal);
        failures = 0;
      } catch {
        if (controller.signal.aborted) return;
        failures = Math.min(failures + 1, 4);
      } finally {
        running = false;
      }
      if (!controller.signal.aborted) schedule();
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') schedule(0);
    };
    schedule();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [seconds, active]);
}
