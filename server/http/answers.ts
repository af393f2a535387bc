import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every API error has one shape: {"error":{"code","message","fields?"}}. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  extra: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  return c.json({ error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}) } }, status, extra.headers);
}

/** A kept answer in the forms it can be sent: plain, and compressed on demand (made once, then kept). */
export interface KeptBody {
  etag: string;
  plain: Buffer;
  br: () => Buffer;
  gzip: () => Buffer;
  type: string;
}

/**
 * Sends a kept answer as the client asks for it: a 304 when its copy carries this tag, else brotli, gzip or the
 * plain bytes by its Accept-Encoding. Pages and API answers both go out this way.
 */
export function sendKept(c: Context, kept: KeptBody, status: number, headers: Record<string, string>) {
  if (
    c.req
      .header('if-none-match')
      ?.split(/\s*,\s*/)
      .includes(kept.etag)
  )
    return c.body(null, 304, headers);
  const accepted = c.req.header('accept-encoding') ?? '';
  let body = kept.plain;
  if (/\bbr\b/.test(accepted)) {
    body = kept.br();
    headers['Content-Encoding'] = 'br';
  } else if (/\bgzip\b/.test(accepted)) {
    body = kept.gzip();
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Type'] = kept.type;
  return c.body(new Uint8Array(body), status as 200, headers);
}
