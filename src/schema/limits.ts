/**
 * Comment limits and sizes as plain values, free of zod, so the reader's first page load does not carry the
 * validation library just to know a number.
 */

/** WordPress's limits, so comments imported from or exported to WordPress always fit. */
export const COMMENT_LIMITS = { name: 245, email: 100, website: 200, text: 65_525 } as const;

/** How deep replies may nest: a reply to a comment at this depth is refused. */
export const MAX_THREAD_DEPTH = 3;

/**
 * The largest comment request the server reads. It is smaller than the longest text the limits above allow once
 * JSON and multi-byte characters are counted, so the form checks the encoded size too and says how much to cut.
 */
export const MAX_COMMENT_REQUEST_BYTES = 64 * 1024;

export const commentRequestBytes = (input: unknown) => new TextEncoder().encode(JSON.stringify(input)).length;

/**
 * 65525 as "65,525", by hand: toLocaleString would set up ICU's locale data on first use, tens of milliseconds
 * of one task in the browser for a comma.
 */
export const thousands = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const tooLargeMessage = (excessBytes: number) =>
  `Your comment is too long to send: please shorten it by about ${thousands(excessBytes)} characters.`;
