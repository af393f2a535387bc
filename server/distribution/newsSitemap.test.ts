import { describe, expect, it } from 'vitest';
import { Site } from '../../src/schema/site';
import { xmllintCheck } from '../../test/helpers/xmlCheck';
import { newsLanguage, newsSitemap } from './newsSitemap';

const site = Site.parse({ name: 'The Quay & Co', description: 'News.', language: 'en-GB' });
const now = Date.parse('2026-11-30T12:00:00Z');

describe('newsSitemap', () => {
  it('lists the stories of the last two days with publication name, language, date and title', async () => {
    const xml = newsSitemap(
      site,
      'https://news.example',
      [
        { slug: 'today', headline: 'Today <now>', publishedAt: '2026-11-30T08:00:00Z' },
        { slug: 'yesterday', headline: 'Yesterday', publishedAt: '2026-11-29T08:00:00Z' },
        { slug: 'old', headline: 'Three days ago', publishedAt: '2026-11-27T08:00:00Z' },
        { slug: 'future', headline: 'Scheduled', publishedAt: '2026-12-01T08:00:00Z' },
      ],
      now,
    );
    await xmllintCheck(xml);
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(xml.match(/<url>/g)).toHaveLength(2);
    expect(xml).toContain('<loc>https://news.example/stories/today</loc>');
    expect(xml).toContain('<news:name>The Quay &amp; Co</news:name><news:language>en</news:language>');
    expect(xml).toContain('<news:publication_date>2026-11-30T08:00:00.000Z</news:publication_date>');
    expect(xml).toContain('<news:title>Today &lt;now&gt;</news:title>');
    expect(xml).not.toContain('stories/old');
    expect(xml).not.toContain('stories/future');
    expect(xml.indexOf('stories/today')).toBeLessThan(xml.indexOf('stories/yesterday'));
  });

  it.each([
    ['en-GB', 'en'],
    ['de', 'de'],
    ['zh-Hant-TW', 'zh-tw'],
    ['zh-CN', 'zh-cn'],
  ])('names the language %s as %s', (tag, expected) => expect(newsLanguage(tag)).toBe(expected));
});
