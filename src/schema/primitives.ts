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

export const NonEmptyText = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(max, `At most ${max} characters`));

export const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'Invalid date: use ISO 8601, e.g. 2026-11-20T08:30:00Z',
});

export const Dimension = z.int().check(z.positive(), z.maximum(10000));
