import { createContext, startTransition, useContext, useEffect, useState, type ReactNode } from 'react';

/** The browser's time for the dates on the page, or null while they still read as the server rendered them. */
const Clock = createContext<number | null>(null);

/**
 * One clock for every date on the page: it starts once the page is the app's (hydration keeps the server's
 * dates, so nothing mismatches) and ticks each minute so "5 minutes ago" stays true. Each change is a
 * transition, so on a page with hundreds of dates (a long comment thread) React updates them in small pieces
 * instead of one long task.
 */
export function ClockProvider({ children }: { children: ReactNode }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => startTransition(() => setNow(Date.now()));
    const start = setTimeout(tick);
    const timer = setInterval(tick, 60_000);
    return () => {
      clearTimeout(start);
      clearInterval(timer);
    };
  }, []);
  return <Clock.Provider value={now}>{children}</Clock.Provider>;
}

export const useClientNow = () => useContext(Clock);
