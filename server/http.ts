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
