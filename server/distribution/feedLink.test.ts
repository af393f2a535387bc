import { describe, expect, it } from 'vitest';
import { feedLink } from './feedLink';

describe('feedLink', () => {
  it('points section and author pages at their own feed, titled like the page', () => {
    expect(feedLink('/sections/city', 'https://news.example', 'City — The Post', 'The Post')).toBe(
      '<link rel="alternate" type="application/rss+xml" title="City — The Post" href="https://news.example/sections/city/feed.xml"/>',
    );
    expect(feedLink('/authors/ada-test', 'https://news.example', 'Ada &amp; Bo', 'The Post')).toContain(
      'title="Ada &amp; Bo" href="https://news.example/authors/ada-test/feed.xml"',
    );
    expect(feedLink('/tags/flooding', 'https://news.example', 'Flooding', 'The Post')).toContain(
      'href="https://news.example/tags/flooding/feed.xml"',
    );
  });

  it("points the front page and stories at the site's feed", () => {
    for (const path of ['/', '/stories/harbour-lights']) {
      expect(feedLink(path, 'https://news.example', 'Anything', 'Tom & Co')).toBe(
        '<link rel="alternate" type="application/rss+xml" title="Tom &amp; Co" href="https://news.example/feed.xml"/>',
      );
    }
  });

  it('links no feed from other pages', () => {
    for (const path of ['/saved', '/admin', '/sections/city/extra']) expect(feedLink(path, 'https://news.example', 'x', 'y')).toBe('');
  });
});
