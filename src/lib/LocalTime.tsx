import { useSyncExternalStore } from 'react';

type Format = 'date' | 'datetime';

const RECENT_MS = 7 * 24 * 60 * 60 * 1000;
const UNITS: ['day' | 'hour' | 'minute', number][] = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];
const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/*
 * Dates are written out by hand, in English as the pages are, and never with Intl: a page's first Intl formatter
 * sets up ICU's locale data, about 50 to 80 ms of one task here (Chromium 156, 2 cores), four times that on
 * a phone, which alone broke the page's Total Blocking Time budget. The reader's time zone needs no Intl: Date's
 * local getters give it.
 */
interface DateParts {
  day: number;
  month: number;
  year: number;
  hours: number;
  minutes: number;
}
const utcParts = (date: Date): DateParts => ({
  day: date.getUTCDate(),
  month: date.getUTCMonth(),
  year: date.getUTCFullYear(),
  hours: date.getUTCHours(),
  minutes: date.getUTCMinutes(),
});
const localParts = (date: Date): DateParts => ({
  day: date.getDate(),
  month: date.getMonth(),
  year: date.getFullYear(),
  hours: date.getHours(),
  minutes: date.getMinutes(),
});

/** "5 March 2026", or "5 March 2026 at 07:04": as Intl's en-GB long style writes them. */
function writeDate({ day, month, year, hours, minutes }: DateParts, format: Format): string {
  const written = `${day} ${MONTHS[month]} ${year}`;
  if (format === 'date') return written;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${written} at ${pad(hours)}:${pad(minutes)}`;
}

/** The date as the server writes it, in UTC: the same text for every reader, so hydration matches it. */
export const serverDate = (date: Date, format: Format) => writeDate(utcParts(date), format);

/** The date in the reader's time zone. */
export const localDate = (date: Date, format: Format) => writeDate(localParts(date), format);

/** "3 hours ago", "yesterday", "in 2 minutes" (a clock running behind), or undefined past a week. */
export function relativeTime(date: Date, at: number): string | undefined {
  const elapsed = date.getTime() - at;
  if (Math.abs(elapsed) >= RECENT_MS) return undefined;
  const [unit, size] = UNITS.find(([, size]) => Math.abs(elapsed) >= size) ?? [];
  if (!unit || !size) return 'just now';
  const count = Math.round(elapsed / size);
  if (unit === 'day' && Math.abs(count) === 1) return count < 0 ? 'yesterday' : 'tomorrow';
  const amount = `${Math.abs(count)} ${unit}${Math.abs(count) === 1 ? '' : 's'}`;
  return count < 0 ? `${amount} ago` : `in ${amount}`;
}

/**
 * One shared clock for every date on the page, ticking each minute so "5 minutes ago" stays true. It reads null
 * (the server's text) until the browser is first idle after hydration, so the switch to the reader's clock is
 * work of its own rather than part of hydrating. A date that hydrates later (the comments) still hydrates the
 * server's text: React reads the server snapshot for it, then moves it to the clock.
 */
const listeners = new Set<() => void>();
let now: number | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
let starting = false;
/** Dates moved to a new time per task: a long thread's all at once made one long task (25 ms here). */
const DATES_PER_TASK = 20;
const tick = () => {
  now = Date.now();
  const waiting = [...listeners];
  const next = () => {
    for (const notify of waiting.splice(0, DATES_PER_TASK)) notify();
    if (waiting.length > 0) setTimeout(next);
  };
  next();
};
function start() {
  if (starting) return;
  starting = true;
  if (typeof requestIdleCallback === 'function') requestIdleCallback(tick, { timeout: 1000 });
  else setTimeout(tick, 1);
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  start();
  timer ??= setInterval(tick, 60_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
// Read afresh while no date is on screen (between pages), so the next page's dates do not start from an old tick.
const getNow = () => (now !== null && listeners.size === 0 ? (now = Date.now()) : now);

/**
 * A date on the reader's clock: "3 hours ago" when recent, with the full date in their time zone on hover and
 * for screen readers. The server renders the full date in UTC: a page is rendered once and served from caches for
 * as long as it is unchanged, so a relative date there would soon be wrong. The browser hydrates that same text,
 * then switches to the reader's zone and clock, so nothing mismatches.
 */
export function LocalTime({ iso, format = 'date' }: { iso: string; format?: Format }) {
  const date = new Date(iso);
  const clientNow = useSyncExternalStore(subscribe, getNow, () => null);
  if (clientNow === null) return <time dateTime={iso}>{serverDate(date, format)}</time>;
  const full = localDate(date, format);
  const recent = relativeTime(date, clientNow);
  if (!recent) return <time dateTime={iso}>{full}</time>;
  return (
    <time dateTime={iso} title={full}>
      <span aria-hidden="true">{recent}</span>
      <span className="visually-hidden">{full}</span>
    </time>
  );
}
