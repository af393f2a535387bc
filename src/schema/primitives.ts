import * as z from 'zod/mini';

/** Lower-case words joined by single hyphens: safe in a URL path and a file name. */
export const Slug = z.string().check(
  z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens'),
  z.maxLength(120),
);

/**
 * A link or media address from content: a site path ("/images/x.svg") or an absolute http(s) URL.
 * Anything else (javascript:, data:, protocol-relative) is refused so that content can never run script.
 */
export function isSafeUrl(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//') && !/\s/.test(value);
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export const SafeUrl = z.string().check(z.refine(isSafeUrl, 'Invalid URL'));

export const NonEmptyText = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(max, `At most ${max} characters`));

export const IsoDateTime = z.iso.datetime({ offset: true, error: 'Invalid date: use ISO 8601, e.g. 2026-11-20T08:30:00Z' });

export const Dimension = z.int().check(z.positive(), z.maximum(10000));
