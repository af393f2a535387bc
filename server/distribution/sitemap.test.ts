import { describe, expect, it } from 'vitest';
import { xmllintCheck } from '../../test/helpers/xmlCheck';
import { sitemaps } from './sitemap';

const entries = Array.from({ length: 5 }, (_, i) => ({
  path: `/stories/story-${i}`,
  lastmod: `2026-11-0${i + 1}T09:00:00Z`,
}));

describe('sitemaps', () => {
  it('is one urlset with every URL and its lastmod while the entries fit', async () => {
    const { root, parts } = sitemaps(entries, 'https://news.example', 5);
    await xmllintCheck(root);
    expect(parts).toEqual([]);
    expect(root).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(root.match(/<url>/g)).toHaveLength(5);
    expect(root).toContain('<url><loc>https://news.example/stories/story-2</loc><lastmod>2026-11-03T09:00:00.000Z</lastmod></url>');
  });

  it('becomes an index of parts beyond the limit, each part within it', async () => {
    const { root, parts } = sitemaps(entries, 'https://news.example', 2);
    await xmllintCheck(root);
    expect(root).toContain('<sitemapindex');
    expect(root.match(/<sitemap>/g)).toHaveLength(3);
    expect(root).toContain('<loc>https://news.example/sitemaps/3.xml</loc>');
    expect(parts).toHaveLength(3);
    for (const part of parts) await xmllintCheck(part);
    expect(parts.map((part) => part.match(/<url>/g)?.length)).toEqual([2, 2, 1]);
    expect(parts[2]).toContain('story-4');
    // Each part's lastmod in the index is the newest of its entries.
    expect(root).toContain('<sitemap><loc>https://news.example/sitemaps/1.xml</loc><lastmod>2026-11-02T09:00:00.000Z</lastmod></sitemap>');
  });

  it('escapes what goes in a URL', async () => {
    const { root } = sitemaps([{ path: '/search?q=a&b=<c>' }], 'https://news.example');
    await xmllintCheck(root);
    expect(root).toContain('https://news.example/search?q=a&amp;b=%3Cc%3E');
  });
});
