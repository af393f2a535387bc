// The URL rule has no zod in it: the app's link component needs it on every story page, and importing it from
// the schemas would bring the whole data contract into the first bundle.

/** What a content URL is: a path inside this site, or an absolute http(s) URL. */
export type UrlKind = 'path' | 'absolute';

export type UrlCheck = { ok: true; kind: UrlKind } | { ok: false; reason: string };

// Browsers drop tabs and new lines inside a URL and read "\" as "/", so "/\evil.example" leaves the site and
// "java\tscript:" is a scheme: a URL holding any of them means something other than what it reads.
const hasHidden = (value: string): boolean =>
  /\s/.test(value) ||
  [...value].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
const PROBE_ORIGIN = 'https://x.invalid';

/**
 * The one rule for a link or media address in content: a site path ("/images/x.svg") that stays on the site
 * whatever resolves it, or an absolute http(s) URL written with "//" and a host. The router and the browser
 * then read it the way the schema does; "javascript:", "data:", "//evil", "/\evil", "https:evil" are refused
 * with the reason, so content can never run script nor send a reader somewhere else than it says.
 */
export function checkUrl(value: string): UrlCheck {
  if (hasHidden(value)) return { ok: false, reason: 'white space or control characters are not allowed in a URL' };
  if (value.includes('\\')) return { ok: false, reason: 'backslashes are not allowed in a URL' };
  if (value.startsWith('/')) {
    if (value.startsWith('//')) return { ok: false, reason: 'a site path starts with a single "/"' };
    try {
      if (new URL(value, PROBE_ORIGIN).origin === PROBE_ORIGIN) return { ok: true, kind: 'path' };
    } catch {
      // falls through to the refusal below
    }
    return { ok: false, reason: 'the path leaves the site' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, reason: 'use a site path starting with "/" or an http(s) URL' };
  }
  if (!/^https?:\/\/[^/?#]/i.test(value)) return { ok: false, reason: 'write an absolute URL as http(s)://host/…' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'not a well-formed URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'a user name or password in a URL is not allowed' };
  return url.hostname ? { ok: true, kind: 'absolute' } : { ok: false, reason: 'the URL has no host' };
}

export const isSafeUrl = (value: string): boolean => checkUrl(value).ok;

const ofKind =
  (kind: UrlKind) =>
  (value: string): boolean => {
    const checked = checkUrl(value);
    return checked.ok && checked.kind === kind;
  };

/** A URL the app's router may take: a safe site path (anything else is an ordinary link, or none). */
export const isSitePath = ofKind('path');
export const isAbsoluteUrl = ofKind('absolute');
