import type { Context, MiddlewareHandler } from 'hono';
import type { Site } from '../../src/schema/site';
import { clientAddress } from './clientAddress';
import {
  DEFAULT_FORM_RATE_PER_MINUTE,
  DEFAULT_RATE_TABLE_BYTES,
  DEFAULT_RENDER_RATE_PER_MINUTE,
  DEFAULT_SEARCH_RATE_PER_MINUTE,
} from '../config';
import { apiError } from './answers';
import { plainPage } from './plain';
import { createRateLimiter, retryHeaders } from './rateLimit';

const MINUTE = 60_000;

interface LimitOptions {
  trustProxy: boolean;
  rateTableBytes?: number;
}

function perAddress(limit: number, options: LimitOptions) {
  return createRateLimiter({ limit, windowMs: MINUTE, maxBytes: options.rateTableBytes ?? DEFAULT_RATE_TABLE_BYTES });
}

/**
 * Every form's answer is a page rendered for one reader, never cached: past a few a minute from one address, the
 * form is refused unread, so a flood of posts cannot take the time readers of cached pages need.
 */
export function formRate(site: Site, options: LimitOptions & { formRatePerMinute?: number }): MiddlewareHandler {
  const limit = options.formRatePerMinute ?? DEFAULT_FORM_RATE_PER_MINUTE;
  if (limit === 0) return (_c, next) => next();
  const posts = perAddress(limit, options);
  return async (c, next) => {
    const wait = posts.hit(clientAddress(c, options.trustProxy));
    if (wait === 0) return next();
    return c.html(
      plainPage(
        site,
        'Too many forms sent',
        `This address has sent more than ${limit} forms in a minute, so nothing was posted or changed. Please ` +
          `wait ${wait} seconds, then go back and send it again: your browser keeps what you typed.`,
      ),
      429,
      retryHeaders(wait),
    );
  };
}

/** A limit a minute per address on work done afresh: undefined to go on, or `refuse`'s answer; none at 0. */
function freshWorkLimit(
  limit: number,
  options: LimitOptions,
  refuse: (c: Context, wait: number) => Response,
): ((c: Context) => Response | undefined) | undefined {
  if (limit === 0) return undefined;
  const hits = perAddress(limit, options);
  return (c) => {
    const wait = hits.hit(clientAddress(c, options.trustProxy));
    return wait === 0 ? undefined : refuse(c, wait);
  };
}

/**
 * Pages the cache does not hold are rendered for whoever asks first: past a limit a minute from one address, such
 * a request is refused rather than rendered, while cached pages are still served to it and to everyone else.
 * Returns the refusal, or undefined to render.
 */
export function renderRate(site: Site, options: LimitOptions & { renderRatePerMinute?: number }) {
  const limit = options.renderRatePerMinute ?? DEFAULT_RENDER_RATE_PER_MINUTE;
  return freshWorkLimit(limit, options, (c, wait) =>
    c.html(
      plainPage(
        site,
        'Too many pages asked for',
        `This address has asked for more than ${limit} pages we had to build in a minute. Please wait ${wait} ` +
          'seconds and load the page again.',
      ),
      429,
      retryHeaders(wait),
    ),
  );
}

/**
 * Searches the answer cache does not hold are looked up for whoever asks first, and a rare phrase can take the
 * database half a second: past a limit a minute from one address, such a search is refused before it is looked
 * up, while answers already cached are still served to it and to everyone. Returns the refusal, or undefined.
 */
export function searchRate(options: LimitOptions & { searchRatePerMinute?: number }) {
  const limit = options.searchRatePerMinute ?? DEFAULT_SEARCH_RATE_PER_MINUTE;
  return freshWorkLimit(limit, options, (c, wait) =>
    apiError(
      c,
      429,
      'too_many_searches',
      `This address has asked for more than ${limit} new searches in a minute. Please wait ${wait} seconds and ` +
        'search again.',
      { headers: retryHeaders(wait) },
    ),
  );
}
