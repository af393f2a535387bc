import { describe, expect, it } from 'vitest';
import { parseFeed, xmllintCheck } from '../../test/helpers/xmlCheck';
import { Site } from '../../src/schema/site';
import type { FeedStory } from '../store';
import { imageType, rssFeed } from './rss';

const site = Site.parse({ name: 'Harbour & Hill <News>', description: 'Stories from the quays.', language: 'en-GB' });

const story = (overrides: Partial<FeedStory> = {}): FeedStory => ({
  slug: 'lamps-lit',
  headline: 'Lamps lit <again> & "at last"',
  standfirst: 'After two dark winters.',
  excerpt: 'Volunteers rewired forty lamps.',
  section: 'City',
  publishedAt: '2026-11-20T08:30:00Z',
  updatedAt: '2026-11-21T10:00:00Z',
  image: { src: '/images/stories/lamps.jpg', alt: 'Lamps at dusk', width: 1200, height: 675 },
  imageBytes: 48213,
  authorName: 'Maya O’Kafor',
  authorId: 'maya-okafor',
  body: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'A <script>alert(1)</script> in text ]]> stays text\u0001. ' },
        { type: 'link', href: '/stories/tides', text: 'Tides' },
      ],
    },
    { type: 'image', src: 'https://cdn.example/a.png', alt: 'A "quoted" lamp' },
    { type: 'pullquote', text: 'Repeated words' },
    { type: 'embed', provider: 'Mastodon', url: 'https://social.example/@a/1', author: '@a', text: 'Lights on!' },
  ],
  ...overrides,
});

const channel = { title: site.name, description: site.description, path: '/', feedPath: '/feed.xml' };

describe('rssFeed', { timeout: 30_000 }, () => {
  it('is well-formed and reads cleanly in feedparser, with full text, author, category and the lead image', async () => {
    const xml = rssFeed(site, 'https://news.example', channel, [
      story(),
      story({ slug: 'second', image: undefined, standfirst: undefined }),
    ]);
    await xmllintCheck(xml);
    const feed = await parseFeed(xml);
    expect(feed.bozo, feed.bozoException ?? '').toBe(false);
    expect(feed.version).toBe('rss20');
    expect(feed.feed).toMatchObject({
      title: 'Harbour & Hill <News>',
      link: 'https://news.example/',
      language: 'en-gb',
    });
    expect(feed.entries).toHaveLength(2);
    const [first, second] = feed.entries;
    expect(first).toMatchObject({
      title: 'Lamps lit <again> & "at last"',
      link: 'https://news.example/stories/lamps-lit',
      id: 'https://news.example/stories/lamps-lit',
      author: 'Maya O’Kafor',
      tags: ['City'],
      publishedParsed: '2026-11-20T08:30:00Z',
      summary: 'After two dark winters.',
    });
    expect(first!.enclosures).toEqual([
      { href: 'https://news.example/images/stories/lamps.jpg', type: 'image/jpeg', length: '48213' },
    ]);
    // The full text: markup built from the blocks, with the content's own text escaped, never markup.
    expect(first!.content).toContain('<a href="https://news.example/stories/tides">Tides</a>');
    expect(first!.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(first!.content).not.toContain('<script');
    // feedparser sanitises and reorders attributes as a feed reader would.
    expect(first!.content).toMatch(/<img alt="A &quot;quoted&quot; lamp" src="https:\/\/cdn\.example\/a\.png"/);
    expect(first!.content).toContain('Lights on!');
    expect(first!.content).not.toContain('Repeated words');
    expect(second!.summary).toBe('Volunteers rewired forty lamps.');
    expect(second!.enclosures).toEqual([]);
  });

  it("carries the site's icon as the channel image, and no enclosure for an image of unknown size", async () => {
    const xml = rssFeed(site, 'https://news.example', { ...channel, path: '/sections/city' }, [
      story({ image: { src: 'https://cdn.example/lamps.png', alt: 'Lamps' }, imageBytes: undefined }),
    ]);
    await xmllintCheck(xml);
    expect(xml).not.toContain('length="0"');
    const feed = await parseFeed(xml);
    expect(feed.bozo, feed.bozoException ?? '').toBe(false);
    expect(feed.feed.image).toEqual({
      href: 'https://news.example/icon-144.png',
      title: 'Harbour & Hill <News>',
      link: 'https://news.example/sections/city',
      width: '144',
      height: '144',
    });
    expect(feed.entries[0]!.enclosures).toEqual([]);
  });

  it('is a valid feed with no stories', async () => {
    const xml = rssFeed(site, 'https://news.example', channel, []);
    await xmllintCheck(xml);
    const feed = await parseFeed(xml);
    expect(feed.bozo).toBe(false);
    expect(feed.entries).toEqual([]);
  });
});

describe('imageType', () => {
  it.each([
    ['/a.svg', 'image/svg+xml'],
    ['https://cdn.example/b.PNG?w=200', 'image/png'],
    ['/c.webp', 'image/webp'],
    ['https://cdn.example/image/12345', 'image/jpeg'],
  ])('%s is %s', (src, type) => expect(imageType(src)).toBe(type));
});
