import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Preview tokens, shared with the must-use plugin wordpress/byline-preview.php.
 *
 * Format: "<expiry>.<signature>", where expiry is a Unix time in seconds and signature is the lower-case hex
 * HMAC-SHA256, keyed with the shared secret (BYLINE_PREVIEW_SECRET in wp-config.php, PREVIEW_SECRET in
 * Byline), of the text "<postId>.<expiry>". The post id is in the preview URL (/preview/<postId>?token=…), so
 * a token is good for that post only and until its expiry (the plugin gives 10 minutes).
 */

export type PreviewCheck = 'ok' | 'expired' | 'forged';

const signature = (postId: number, expiry: number, secret: string) =>
  createHmac('sha256', secret).update(`${postId}.${expiry}`).digest('hex');

export function signPreview(postId: number, expiry: number, secret: string): string {
  return `${expiry}.${signature(postId, expiry, secret)}`;
}

/**
 * Checks a token for a post at a time (`now` in milliseconds, as Date.now()). The signature is checked first
 * and compared in constant time, so a forged token is "forged" whatever expiry it claims; only a genuine one
 * can be "expired". An empty secret makes every token forged: previews are off until a secret is set.
 */
export function verifyPreview(token: string, postId: number, now: number, secret: string): PreviewCheck {
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(token);
  if (!match || !secret || !Number.isSafeInteger(postId) || postId <= 0) return 'forged';
  const expiry = Number(match[1]);
  const expected = Buffer.from(signature(postId, expiry, secret), 'hex');
  const given = Buffer.from(match[2]!, 'hex');
  if (!timingSafeEqual(expected, given)) return 'forged';
  return now >= expiry * 1000 ? 'expired' : 'ok';
}
