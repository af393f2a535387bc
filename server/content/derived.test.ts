import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/schema';
import { authorImageOrigins, excerptOf, readingMinutes, storyImageOrigins } from './derived';

describe('readingMinutes', () => {
  it('counts about 220 words a minute, at least one', () => {
    const words = (n: number) => [
      { type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'word '.repeat(n) }] },
    ];
    expect(readingMinutes(words(10))).toBe(1);
    expect(readingMinutes(words(440))).toBe(2);
    expect(readingMinutes(words(441))).toBe(3);
  });
});

describe('excerptOf', () => {
  const paragraph = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });

  it('keeps the excerpt the file gives', () => {
    expect(excerptOf({ headline: 'H', excerpt: 'Given.', body: [paragraph('First.')] })).toBe('Given.');
  });

  it('takes the first paragraph, joining its runs, when the file gives none', () => {
    const body = [
      { type: 'subheading' as const, text: 'Not this' },
      {
        type: 'paragraph' as const,
        content: [
          { type: 'text' as const, text: 'The lamps are ' },
          { type: 'emphasis' as const, text: 'finally' },
          { type: 'text' as const, text: ' lit.' },
        ],
      },
      paragraph('Not this either.'),
    ];
    expect(excerptOf({ headline: 'H', body })).toBe('The lamps are finally lit.');
  });

  it('cuts a long paragraph at a word, with an ellipsis', () => {
    const text = 'Volunteers rewired forty lamps by hand along the breakwater, one ladder at a time.';
    const excerpt = excerptOf({ headline: 'H', body: [paragraph(text)] }, 40);
    expect(excerpt).toBe('Volunteers rewired forty lamps by hand…');
    expect(excerpt.length).toBeLessThanOrEqual(40);
  });

  it('falls back to the headline when there is no paragraph', () => {
    expect(excerptOf({ headline: 'The headline', body: [{ type: 'divider' }] })).toBe('The headline');
  });
});

describe('storyImageOrigins', () => {
  const image = (src: string): Block => ({ type: 'image', src, alt: 'A picture' });

  it('lists each absolute origin once, from the lead image, image blocks and embed media', () => {
    const body: Block[] = [
      image('https://cdn.example/a.jpg'),
      { type: 'paragraph', content: [{ type: 'text', text: 'Between the pictures.' }] },
      image('https://cdn.example/b.jpg'),
      {
        type: 'embed',
        provider: 'Mastodon',
        url: 'https://social.example/@ada/1',
        author: 'Ada',
        text: 'A post.',
        media: { src: 'https://media.social.example/1.png', alt: 'Its picture' },
      },
    ];
    const origins = storyImageOrigins({ image: { src: 'https://lead.example:8443/x.jpg', alt: 'Lead' }, body });
    expect(origins).toEqual(['https://lead.example:8443', 'https://cdn.example', 'https://media.social.example']);
  });

  it("leaves out site paths, which are 'self'", () => {
    expect(
      storyImageOrigins({ image: { src: '/images/lead.svg', alt: 'Lead' }, body: [image('/images/a.svg')] }),
    ).toEqual([]);
  });
});

describe('authorImageOrigins', () => {
  it("is the photo's origin, or nothing for no photo or a site path", () => {
    expect(authorImageOrigins({ photo: { src: 'https://people.example/ada.jpg', alt: 'Ada' } })).toEqual([
      'https://people.example',
    ]);
    expect(authorImageOrigins({ photo: { src: '/images/ada.svg', alt: 'Ada' } })).toEqual([]);
    expect(authorImageOrigins({})).toEqual([]);
  });
});
