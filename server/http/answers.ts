import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { exactBuffer } from '../caches';

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

/**
 * A kept answer's compressed copy, made once: brotli at 5 and gzip at 6 cost a few milliseconds for a page, and
 * the copy is held in a buffer of exactly its size, as the caches count it.
 */
export const compressedCopy = (plain: Buffer, kind: 'br' | 'gzip'): Buffer =>
  exactBuffer(
    kind === 'br'
      ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : gzipSync(plain, { level: 6 }),
  );

/** A weak ETag for what `content` says: equal content, equal tag, so an unchanged answer still gets its 304. */
export const weakTag = (content: string | Buffer) => `W/"${createHash('sha1').update(content).digest('base64url')}"`;

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
