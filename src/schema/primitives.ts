import * as z from 'zod/mini';
import { checkUrl, isSafeUrl } from './url';

/** Lower-case words joined by single hyphens: safe in a URL path and a file name. */
export const Slug = z
  .string()
  .check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens'), z.maxLength(120));

/** The error names the field (by its path) and says which part of the rule the value broke. */
export const SafeUrl = z.string().check(
  z.refine(isSafeUrl, {
    error: (issue) => {
      const checked = typeof issue.input === 'string' ? checkUrl(issue.input) : undefined;
      return checked && !checked.ok ? `Invalid URL: ${checked.reason}` : 'Invalid URL';
    },
  }),
);

/**
 * U+0000 and a lone half of a surrogate pair: PostgreSQL refuses the first and UTF-8 cannot carry the second, so
 * they are refused in every text a reader types or a newsroom publishes, for both engines alike, rather than
 * stored raw by one and failing in the other. U+0000 cannot be shown either: the HTML parser drops it, so a text
 * of nothing else would be a node on the server's page and none in the browser's (React cannot hydrate that).
 */
// eslint-disable-next-line no-control-regex -- U+0000 is what this refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSTORABLE_MESSAGE =
  'This has a character that cannot be saved (a null character or half of an emoji); please remove it.';
export const isStorable = (value: string) => !UNSTORABLE.test(value);

export const NonEmptyText = (max: number) =>
  z
    .string()
    .check(
      z.refine(isStorable, UNSTORABLE_MESSAGE),
      z.trim(),
      z.minLength(1, 'Required'),
      z.maxLength(max, `At most ${max} characters`),
    );

/** A run of a paragraph's text: never empty, and storable and showable as NonEmptyText is, but not trimmed. */
export const RunText = z.string().check(z.minLength(1), z.refine(isStorable, UNSTORABLE_MESSAGE));

export const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'Invalid date: use ISO 8601, e.g. 2026-11-20T08:30:00Z',
});

export const Dimension = z.int().check(z.positive(), z.maximum(10000));
