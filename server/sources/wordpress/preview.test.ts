import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signPreview, verifyPreview } from './preview';

const secret = 'shared-secret-for-tests';
const expiry = 1_800_000_600; // seconds
const now = (seconds: number) => seconds * 1000;

describe('preview tokens', () => {
  it('has the documented format', () => {
    expect(signPreview(12, expiry, secret)).toMatch(/^1800000600\.[0-9a-f]{64}$/);
  });

  it('accepts a genuine token before its expiry', () => {
    expect(verifyPreview(signPreview(12, expiry, secret), 12, now(expiry - 1), secret)).toBe('ok');
  });

  it('calls a genuine token expired from its expiry on', () => {
    expect(verifyPreview(signPreview(12, expiry, secret), 12, now(expiry), secret)).toBe('expired');
  });

  it('calls forged a token for another post, with another secret, a moved expiry or garbage', () => {
    const token = signPreview(12, expiry, secret);
    expect(verifyPreview(token, 13, now(expiry - 1), secret)).toBe('forged');
    expect(verifyPreview(token, 12, now(expiry - 1), 'other secret')).toBe('forged');
    expect(verifyPreview(token.replace(/^\d+/, String(expiry + 3600)), 12, now(expiry - 1), secret)).toBe('forged');
    expect(verifyPreview(`${expiry}.${'0'.repeat(64)}`, 12, now(expiry - 1), secret)).toBe('forged');
    expect(verifyPreview('', 12, now(0), secret)).toBe('forged');
    expect(verifyPreview(token, 12, now(expiry - 1), '')).toBe('forged');
  });
});

const php = (() => {
  try {
    execFileSync('php', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the must-use plugin', () => {
  const plugin = fileURLToPath(new URL('../../../wordpress/byline-preview.php', import.meta.url));

  // php comes with the WordPress test harness (test/wordpress/start.sh); without it there is nothing to compare.
  it.skipIf(!php)('signs exactly as Byline verifies (needs php)', () => {
    const script = `require ${JSON.stringify(plugin)}; echo byline_preview_token(12, ${expiry}, ${JSON.stringify(secret)});`;
    const token = execFileSync('php', ['-r', script], { encoding: 'utf8' });
    expect(token).toBe(signPreview(12, expiry, secret));
    expect(verifyPreview(token, 12, now(expiry - 1), secret)).toBe('ok');
  });

  it.skipIf(!php)(
    'builds the preview link from BYLINE_URL, and leaves the link alone without the constants (needs php)',
    () => {
      const call = `require ${JSON.stringify(plugin)}; const MINUTE_IN_SECONDS = 60; $post = new stdClass(); $post->ID = 12;`;
      const without = execFileSync(
        'php',
        ['-r', `${call} echo byline_preview_link('http://wp.example/?p=12&preview=true', $post);`],
        { encoding: 'utf8' },
      );
      expect(without).toBe('http://wp.example/?p=12&preview=true');
      const link = execFileSync(
        'php',
        [
          '-r',
          `${call} define('BYLINE_URL', 'https://news.example/'); define('BYLINE_PREVIEW_SECRET', ${JSON.stringify(secret)}); echo byline_preview_link('x', $post);`,
        ],
        { encoding: 'utf8' },
      );
      const url = new URL(link);
      expect(`${url.origin}${url.pathname}`).toBe('https://news.example/preview/12');
      const token = url.searchParams.get('token') ?? '';
      const seconds = Math.floor(Date.now() / 1000);
      expect(verifyPreview(token, 12, Date.now(), secret)).toBe('ok');
      expect(Number(token.split('.')[0]) - seconds).toBeGreaterThanOrEqual(598);
      expect(Number(token.split('.')[0]) - seconds).toBeLessThanOrEqual(601);
    },
  );
});
