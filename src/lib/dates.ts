const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });
const longDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

/** A date in the reader's own locale, e.g. "20 November 2026" or "November 20, 2026". */
export const formatDate = (iso: string) => longDate.format(new Date(iso));
export const formatDateTime = (iso: string) => longDateTime.format(new Date(iso));
