import { useSyncExternalStore } from 'react';

const formats = {
  date: { dateStyle: 'long' },
  datetime: { dateStyle: 'long', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const RECENT_MS = 7 * 24 * 60 * 60 * 1000;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

/** One shared clock for every date on the page, ticking each minute so "5 minutes ago" stays true. */
const listeners = new Set<() => void>();
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((notify) => notify());
  }, 60_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
const getNow = () => (now === 0 || listeners.size === 0 ? (now = Date.now()) : now);

// Intl formatters are slow to create and a page can show hundreds of dates (a long comment thread): one each.
const dateFormats: Record<string, Intl.DateTimeFormat> = {};
const relativeFormats: Record<string, Intl.RelativeTimeFormat> = {};

export function relativeTime(date: Date, at: number, locale?: string): string | undefined {
  const elapsed = date.getTime() - at;
  if (Math.abs(elapsed) >= RECENT_MS) return undefined;
  const format = (relativeFormats[String(locale)] ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return format.format(Math.round(elapsed / size), unit);
  }
  return format.format(0, 'minute');
}

/**
 * A date in the reader's own locale: "3 hours ago" when recent, with the full date on hover and for screen
 * readers. The server renders the full date in English (UTC): a page is rendered once and served from caches for
 * as long as it is unchanged, so a relative date there would soon be wrong. The browser hydrates that same text,
 * then switches to the reader's locale, zone and clock, so nothing mismatches.
 */
export function LocalTime({ iso, format = 'date' }: { iso: string; format?: keyof typeof formats }) {
  const date = new Date(iso);
  const clientNow = useSyncExternalStore(subscribe, getNow, () => null);
  const locale = clientNow === null ? 'en-GB' : undefined;
  const full = (dateFormats[`${format} ${locale}`] ??= new Intl.DateTimeFormat(locale, {
    ...formats[format],
    ...(locale ? { timeZone: 'UTC' } : {}),
  })).format(date);
  const relative = clientNow === null ? undefined : relativeTime(date, clientNow, locale);
  if (!relative) return <time dateTime={iso}>{full}</time>;
  return (
    <time dateTime={iso} title={full}>
      <span aria-hidden="true">{relative}</span>
      <span className="visually-hidden">{full}</span>
    </time>
  );
}
