import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { MAX_COMMENT_REQUEST_BYTES } from '../../src/schema/limits';
import {
  PREFERENCE_MAX_AGE,
  TEXT_SIZE_COOKIE,
  TEXT_SIZE_STEPS,
  THEME_COOKIE,
  THEMES,
  textSizeOf,
} from '../../src/schema/preferences';
import type { CommentFormState } from '../../src/schema/render';
import { TOO_LARGE, type CommentPoster } from '../comments';
import { PRIVATE_PAGE, type Pages } from './serve';
import type { Site } from '../../src/schema/site';
import { formRate } from '../http';
import { plainPage } from '../http';

/**
 * Form-encoded text can take up to nine bytes a character (%E2%80%94), so a comment within the character limits
 * can be far larger as a form than as JSON: the form may be that much larger, so such a comment is read and
 * answered with the limit it broke, everything typed kept.
 */
const MAX_FORM_BYTES = 10 * MAX_COMMENT_REQUEST_BYTES;

/**
 * Forms post from any site a reader visits, and carry the reader's cookies: only forms sent from Byline's own
 * pages are taken. Browsers say where a request comes from in Sec-Fetch-Site (all current ones) or Origin; a
 * request with neither did not come from a modern browser's cross-site form. (The JSON API is covered by its
 * content type, which no form can send.)
 */
function refuseCrossSite(publicOrigin: string | undefined, identity: Site): MiddlewareHandler {
  return async (c, next) => {
    const own = [new URL(c.req.url).origin, publicOrigin];
    const site = c.req.header('sec-fetch-site');
    const from = c.req.header('origin') ?? c.req.header('referer');
    const crossSite = site
      ? site !== 'same-origin' && site !== 'none'
      : from !== undefined && !own.includes(URL.canParse(from) ? new URL(from).origin : 'null');
    if (!crossSite) return next();
    return c.html(
      plainPage(
        identity,
        'This form came from another site',
        'This site only takes forms sent from its own pages, so nothing was posted or changed. If you meant to do ' +
          'this, open the page on this site and send the form from there.',
      ),
      403,
      { 'Cache-Control': PRIVATE_PAGE },
    );
  };
}

/** Control characters and backslashes: browsers drop or rewrite them in a Location, so `/\t/host` becomes `//host`. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f\\]/;
const OWN = 'http://own.invalid';

/**
 * A path on this site to send the reader back to; anything else (another site, say) goes to the front page.
 * The path is checked as sent and once percent-decoded, so `%09` or `%5C` cannot smuggle what the raw form may not.
 */
export function safeBack(raw: unknown): string {
  if (typeof raw !== 'string' || !/^\/(?![/\\])/.test(raw) || UNSAFE_IN_PATH.test(raw)) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return '/';
  }
  if (UNSAFE_IN_PATH.test(decoded) || /^\/[/\\]/.test(decoded)) return '/';
  return URL.canParse(raw, OWN) && new URL(raw, OWN).origin === OWN ? raw : '/';
}

const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? body[name] : '');

/**
 * What the pages do without JavaScript: the comment form posts to the story's own address, and the theme and
 * text size forms post to /preferences. Both answer like the app would, as plain HTML.
 */
export function pageForms(
  app: Hono,
  pages: Pages,
  postComment: CommentPoster,
  options: {
    publicOrigin?: string;
    site: Site;
    trustProxy: boolean;
    /** Form posts a client address may send a minute (0: no limit). */
    formRatePerMinute?: number;
    rateTableBytes?: number;
  },
) {
  const { site } = options;
  const sameSite = refuseCrossSite(options.publicOrigin, site);
  const rate = formRate(site, options);
  const isForm = (c: Context) =>
    /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(c.req.header('content-type') ?? '');

  app.post('/preferences', rate, sameSite, async (c) => {
    const body = isForm(c) ? await c.req.parseBody() : {};
    const cookie = { path: '/', maxAge: PREFERENCE_MAX_AGE, sameSite: 'Lax' as const };
    const theme = field(body, 'theme');
    if (theme) {
      const current = getCookie(c, THEME_COOKIE);
      // The toggle's "pressed" means dark: pressing it again, or for the first time on a dark system, gives light.
      const next = theme === 'toggle' ? (current === 'dark' ? 'light' : 'dark') : theme;
      if ((THEMES as readonly string[]).includes(next)) setCookie(c, THEME_COOKIE, next, cookie);
    }
    const size = field(body, 'textSize');
    if (size) {
      const current = textSizeOf(getCookie(c, TEXT_SIZE_COOKIE));
      const asked = size === 'smaller' ? current - 1 : size === 'larger' ? current + 1 : Number(size);
      if (Number.isInteger(asked)) {
        setCookie(c, TEXT_SIZE_COOKIE, String(Math.min(TEXT_SIZE_STEPS - 1, Math.max(0, asked))), cookie);
      }
    }
    c.header('Cache-Control', PRIVATE_PAGE);
    return c.redirect(safeBack(body.back), 303);
  });

  app.post(
    '/stories/:slug',
    rate,
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) =>
        c.html(
          plainPage(site, 'Your comment is too long to send', `${TOO_LARGE} Go back to keep what you typed.`),
          413,
          {
            'Cache-Control': PRIVATE_PAGE,
          },
        ),
    }),
    sameSite,
    async (c) => {
      const slug = c.req.param('slug');
      if (!isForm(c)) {
        return c.html(plainPage(site, 'That is not a form', 'Send the comment with the form on the story page.'), 415, {
          'Cache-Control': PRIVATE_PAGE,
        });
      }
      const body = await c.req.parseBody();
      const parent = field(body, 'parentId');
      const values: CommentFormState['values'] = {
        text: field(body, 'comment'),
        name: field(body, 'name'),
        email: field(body, 'email'),
        website: field(body, 'website'),
        parentId: /^\d+$/.test(parent) ? Number(parent) : null,
      };
      const input = {
        text: values.text,
        name: values.name,
        email: values.email,
        website: values.website,
        parentId: values.parentId,
        ...(field(body, 'homepage') ? { homepage: field(body, 'homepage') } : {}),
      };
      const outcome = await postComment(c, slug, input);
      const path = `/stories/${encodeURIComponent(slug)}`;
      if (outcome.ok) {
        const empty = { text: '', name: '', email: '', website: '', parentId: null };
        return pages.sendFormPage(c, path, {
          comment: { slug, values: empty, errors: {}, posted: { comment: outcome.comment, status: outcome.status } },
        });
      }
      for (const [name, value] of Object.entries(outcome.headers ?? {})) c.header(name, value);
      const fields = outcome.fields ?? {};
      return pages.sendFormPage(
        c,
        values.parentId ? `${path}?replytocom=${values.parentId}` : path,
        {
          comment: {
            slug,
            values,
            errors: fields,
            ...(Object.keys(fields).length === 0 ? { problem: outcome.message } : {}),
          },
        },
        outcome.httpStatus,
      );
    },
  );
}
