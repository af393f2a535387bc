import { describe, expect, it } from 'vitest';
import { SocialLink } from './content';
import { Block } from './blocks';
import { NonEmptyText, SafeUrl, UNSTORABLE_MESSAGE } from './primitives';
import { checkUrl, isSafeUrl, isSitePath } from './url';

const reasonOf = (value: string) => {
  const checked = checkUrl(value);
  return checked.ok ? undefined : checked.reason;
};

describe('the content URL rule', () => {
  it('accepts site paths and absolute http(s) URLs, and says which is which', () => {
    expect(checkUrl('/stories/a')).toEqual({ ok: true, kind: 'path' });
    expect(checkUrl('/images/x.svg?v=2#top')).toEqual({ ok: true, kind: 'path' });
    expect(checkUrl('https://ok.example/x')).toEqual({ ok: true, kind: 'absolute' });
    expect(checkUrl('http://ok.example')).toEqual({ ok: true, kind: 'absolute' });
    expect(isSitePath('/stories/a')).toBe(true);
    expect(isSitePath('https://ok.example/x')).toBe(false);
  });

  it('refuses the URLs the router or the browser would read another way, saying why', () => {
    expect(reasonOf('https:evil.example')).toBe('write an absolute URL as http(s)://host/…');
    expect(reasonOf('http:/evil.example')).toBe('write an absolute URL as http(s)://host/…');
    expect(reasonOf('/\\evil.example/x')).toBe('backslashes are not allowed in a URL');
    expect(reasonOf('https://ok.example\\@evil.example/')).toBe('backslashes are not allowed in a URL');
    expect(reasonOf('/\t/x')).toBe('white space or control characters are not allowed in a URL');
    expect(reasonOf('https://ok.exa\nmple/')).toBe('white space or control characters are not allowed in a URL');
    expect(reasonOf('/stories/\u0000a')).toBe('white space or control characters are not allowed in a URL');
    expect(reasonOf('//evil.example/x')).toBe('a site path starts with a single "/"');
    expect(reasonOf('javascript:alert(1)')).toBe('use a site path starting with "/" or an http(s) URL');
    expect(reasonOf('data:text/html,hi')).toBe('use a site path starting with "/" or an http(s) URL');
    expect(reasonOf('stories/a')).toBe('use a site path starting with "/" or an http(s) URL');
    expect(reasonOf('https://user:pw@evil.example/')).toBe('a user name or password in a URL is not allowed');
    expect(reasonOf('https://[bad/')).toBe('not a well-formed URL');
    for (const value of ['https:evil.example', '/\\evil.example/x', '/\t/x', 'javascript:alert(1)', '//evil']) {
      expect(isSafeUrl(value), value).toBe(false);
      expect(isSitePath(value), value).toBe(false);
    }
  });

  it('gives the reason in the schema error', () => {
    const result = SafeUrl.safeParse('https:evil.example');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Invalid URL: write an absolute URL as http(s)://host/…');
    expect(SafeUrl.safeParse('/stories/a').success).toBe(true);
  });

  it('holds for social links too: absolute URLs by the rule, or mailto:', () => {
    const accepts = (url: string) => SocialLink.safeParse({ network: 'website', url }).success;
    expect(accepts('https://ada.example/')).toBe(true);
    expect(accepts('mailto:ada@example.org')).toBe(true);
    expect(accepts('https:evil.example')).toBe(false);
    expect(accepts('https://ok.example/\tx')).toBe(false);
    expect(accepts('/authors/ada')).toBe(false);
  });
});

describe('text a story shows', () => {
  const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

  it('refuses U+0000 and lone surrogate halves, in a field and in a run, naming where', () => {
    for (const bad of ['\u0000', 'Harbour\u0000 news', 'half \ud83d of it']) {
      const field = NonEmptyText(200).safeParse(bad);
      expect(field.success).toBe(false);
      expect(field.error?.issues[0]?.message).toBe(UNSTORABLE_MESSAGE);
      const run = Block.safeParse(paragraph(bad));
      expect(run.success).toBe(false);
      expect(run.error?.issues[0]).toMatchObject({ message: UNSTORABLE_MESSAGE, path: ['content', 0, 'text'] });
    }
  });

  it('keeps every other character, emoji and control characters the page can show among them', () => {
    for (const good of ['Harbour 🌊 news', 'tab\there', 'bell\u0007', 'Zürich — “quoted”']) {
      expect(NonEmptyText(200).parse(good)).toBe(good);
      expect(Block.parse(paragraph(good))).toEqual(paragraph(good));
    }
  });
});
