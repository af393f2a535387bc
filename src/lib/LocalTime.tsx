import { useSyncExternalStore } from 'react';

const formats = {
  date: { dateStyle: 'long' },
  datetime: { dateStyle: 'long', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type Format = keyof typeof formats;

const RECENT_MS = 7 * 24 * 60 * 60 * 1000;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];
const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/**
 * The date as the server writes it: English and UTC ("5 March 2026", "5 March 2026 at 07:04", as Intl's en-GB
 * long style has it), written out by hand. Hydration has to make the same text, and with Intl that meant creating
 * the page's first formatter in the middle of hydrating: tens of milliseconds of ICU set-up on a phone, in one
 * task. This way the page hydrates with no formatter at all.
 */
export function serverDate(date: Date, format: Format): string {
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  if (format === 'date') return day;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${day} at ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

// Intl formatters are slow to create and a page can show hundreds of dates (a long comment thread): one each.
const dateFormats: Partial<Record<Format, Intl.DateTimeFormat>> = {};
let relativeFormat: Intl.RelativeTimeFormat | undefined;
const dateFormat = (format: Format) => (dateFormats[format] ??= new Intl.DateTimeFormat(undefined, formats[format]));
const relative = () => (relativeFormat ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));

export function relativeTime(date: Date, at: number): string | undefined {
  const elapsed = date.getTime() - at;
  if (Math.abs(elapsed) >= RECENT_MS) return undefined;
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return relative().format(Math.round(elapsed / size), unit);
  }
  return relative().format(0, 'minute');
}

/**
 * One shared clock for every date on the page, ticking each minute so "5 minutes ago" stays true. It reads null
 * (the server's text) until the reader's formatters exist: they are created after hydration, each in a task of
 * its own while the browser is idle, so no single task of the start-up carries them all.
 */
const listeners = new Set<() => void>();
let now: number | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
let warming = false;
const tick = () => {
  now = Date.now();
  listeners.forEach((notify) => notify());
};
const later = (callback: () => void) =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(callback, { timeout: 1000 })
    : setTimeout(callback, 1);
function warmUp() {
  if (warming) return;
  warming = true;
  const steps = [() => dateFormat('date'), () => dateFormat('datetime'), relative];
  const next = () => {
    const step = steps.shift();
    if (!step) return tick();
    step();
    later(next);
  };
  later(next);
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  warmUp();
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
 * A date in the reader's own locale: "3 hours ago" when recent, with the full date on hover and for screen
 * readers. The server renders the full date in English (UTC): a page is rendered once and served from caches for
 * as long as it is unchanged, so a relative date there would soon be wrong. The browser hydrates that same text,
 * then switches to the reader's locale, zone and clock, so nothing mismatches.
 */
export function LocalTime({ iso, format = 'date' }: { iso: string; format?: Format }) {
  const date = new Date(iso);
  const clientNow = useSyncExternalStore(subscribe, getNow, () => null);
  if (clientNow === null) return <time dateTime={iso}>{serverDate(date, format)}</time>;
  const full = dateFormat(format).format(date);
  const recent = relativeTime(date, clientNow);
  if (!recent) return <time dateTime={iso}>{full}</time>;
  return (
    <time dateTime={iso} title={full}>
      <span aria-hidden="true">{recent}</span>
      <span className="visually-hidden">{full}</span>
    </time>
  );
}
