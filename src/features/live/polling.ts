import { useEffect, useRef } from 'react';

/** How much longer the wait is while the tab is hidden: a background tab barely costs the origin. */
export const HIDDEN_BACKOFF = 6;

/**
 * Calls `poll` every `seconds` while the page is visible, and every HIDDEN_BACKOFF times that while hidden
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
    const schedule = (ms = wait()) => {
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
