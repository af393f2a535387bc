import { describe, expect, it } from 'vitest';
import { pageAddress } from './query';

const cursor = (text: string) => Buffer.from(text).toString('base64url');
const issued = cursor('2026-11-01T09:00:00.000Z|harbour-lights');

describe('page addresses', () => {
  it('keep only what each page reads, in one spelling', () => {
    expect(pageAddress(`http://h/?utm_source=x&cursor=${issued}`)).toEqual({ url: `/?cursor=${issued}` });
    expect(pageAddress(`http://h/sections/city?cursor=${issued}&x=1`)).toEqual({
      url: `/sections/city?cursor=${issued}`,
    });
    expect(pageAddress(`http://h/tags/flooding?cursor=${issued}&utm_source=x`)).toEqual({
      url: `/tags/flooding?cursor=${issued}`,
    });
    expect(pageAddress('http://h/tags/flooding?cursor=made-up')).toEqual({ problem: expect.any(String) });
    expect(pageAddress('http://h/stories/a?replytocom=007&cursor=012&x=2')).toEqual({
      url: '/stories/a?cursor=12&replytocom=7',
    });
    expect(pageAddress('http://h/stories/a?cursor=0')).toEqual({ url: '/stories/a' });
    // A page that reads no cursor: it is not part of the address, whatever it says.
    expect(pageAddress('http://h/about?cursor=anything')).toEqual({ url: '/about' });
  });

  it('find made-up cursors and reply ids a problem, before any render', () => {
    for (const bad of ['garbage', `${issued}!!`, cursor('not-a-date|slug'), cursor('2026-11-01|a|b'), cursor('only')]) {
      const address = pageAddress(`http://h/?cursor=${encodeURIComponent(bad)}`);
      expect(address, bad).toEqual({ problem: expect.stringContaining('not one this server issued') });
    }
    expect(pageAddress('http://h/stories/a?cursor=abc')).toEqual({ problem: expect.stringContaining('cursor') });
    expect(pageAddress('http://h/stories/a?replytocom=x')).toEqual({ problem: expect.stringContaining('replytocom') });
    for (const bad of ['0', '-1', 'two', '1.5']) {
      expect(pageAddress(`http://h/stories/a?page=${bad}`), bad).toEqual({ problem: expect.stringContaining('page') });
    }
  });

  it('keeps a live story page of entries (?page=) apart, page 1 being the page without it', () => {
    expect(pageAddress('http://h/stories/a?page=02&utm_source=x')).toEqual({ url: '/stories/a?page=2' });
    expect(pageAddress('http://h/stories/a?page=1')).toEqual({ url: '/stories/a' });
    expect(pageAddress('http://h/sections/city?page=2')).toEqual({ url: '/sections/city' });
  });
});
