/**
 * Counts events that would flood the log if each had its line (honeypot catches, refused admin tokens): the first
 * of a period is logged at once, so a lone event is seen without delay; the rest are counted and logged as one
 * line when the period ends.
 */
export function periodicCount(
  log: (message: string) => void,
  periodMs: number,
  lines: { first: (detail: string) => string; more: (count: number, seconds: number) => string },
) {
  let more = 0;
  let started: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    if (more > 0 && started !== undefined) {
      log(lines.more(more, Math.max(1, Math.round((Date.now() - started) / 1000))));
    }
    more = 0;
    started = undefined;
  }

  return {
    add(detail: string) {
      const now = Date.now();
      if (started !== undefined && now - started >= periodMs) flush();
      if (started !== undefined) {
        more++;
        return;
      }
      started = now;
      log(lines.first(detail));
      // The period's count is logged even if nothing follows it; the timer never holds the process open.
      timer = setTimeout(flush, periodMs);
      timer.unref?.();
    },
    flush,
  };
}
