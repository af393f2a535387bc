import { describe, expect, it } from 'vitest';
import { safeBack } from './forms';

describe('safeBack (issue 21 row 14)', () => {
  it.each(['/', '/stories/a-slug', '/stories/a-slug?replytocom=3#comments', '/search?q=caf%C3%A9', '/a%2Fb'])(
    'keeps the same-origin path %j',
    (path) => {
      expect(safeBack(path)).toBe(path);
    },
  );

  it.each([
    '/\t/evil.example/phish',
    '/%09/evil.example/phish',
    '/\n/evil.example',
    '/%0d%0aSet-Cookie:x=1',
    '/\u0000/evil.example',
    '/%00',
    '/\u007f',
    '/%7F',
    '/\\evil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '/a\\b',
    '//evil.example',
    '/%2Fevil.example',
    '/%2fevil.example',
    'https://evil.example/',
    'evil.example',
    'javascript:alert(1)',
    '',
    '/%E0%A4%A',
  ])('sends %j to the front page', (path) => {
    expect(safeBack(path)).toBe('/');
  });

  it.each([undefined, null, 3, ['/stories/a'], {}])('sends the non-text %j to the front page', (value) => {
    expect(safeBack(value)).toBe('/');
  });
});
