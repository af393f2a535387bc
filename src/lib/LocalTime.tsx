import { useSyncExternalStore } from 'react';

const formats = {
  date: { dateStyle: 'long' },
  datetime: { dateStyle: 'long', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const noSubscription = () => () => {};

/**
 * A date in the reader's own locale and time zone. The server cannot know those, so it renders a fixed
 * English UTC form; the browser switches to the reader's form right after hydration, without a mismatch.
 */
export function LocalTime({ iso, format = 'date' }: { iso: string; format?: keyof typeof formats }) {
  const date = new Date(iso);
  const text = useSyncExternalStore(
    noSubscription,
    () => new Intl.DateTimeFormat(undefined, formats[format]).format(date),
    () => new Intl.DateTimeFormat('en-GB', { ...formats[format], timeZone: 'UTC' }).format(date),
  );
  return <time dateTime={iso}>{text}</time>;
}
