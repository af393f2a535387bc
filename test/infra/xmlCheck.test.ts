import { describe, expect, it } from 'vitest';
import { parseFeed, xmllintCheck } from '../helpers/xmlCheck';

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Port Alder Gazette</title>
    <link>https://news.example/</link>
    <description>News from the harbour town</description>
    <language>en-GB</language>
    <item>
      <title>The harbour lights come back on</title>
      <link>https://news.example/stories/harbour-lights</link>
      <guid isPermaLink="true">https://news.example/stories/harbour-lights</guid>
      <dc:creator>Maya Okafor</dc:creator>
      <category>City</category>
      <category>Night &amp; day</category>
      <pubDate>Fri, 20 Nov 2026 08:30:00 GMT</pubDate>
      <description>After two dark winters the breakwater lamps are lit again.</description>
      <content:encoded><![CDATA[<p>The lamps are <em>finally</em> lit. Café owners cheered.</p>]]></content:encoded>
      <enclosure url="https://news.example/images/stories/harbour.jpg" type="image/jpeg" length="12345"/>
    </item>
  </channel>
</rss>`;

describe('xmllintCheck', { timeout: 20_000 }, () => {
  it('accepts well-formed XML', async () => {
    await expect(xmllintCheck(rss)).resolves.toBeUndefined();
  });

  it("throws with xmllint's message, naming the line, on malformed XML", async () => {
    await expect(xmllintCheck('<urlset>\n<url><loc>a & b</loc></url>\n</urlset>')).rejects.toThrow(
      /xmllint: not well-formed[\s\S]*:2: parser error/,
    );
    await expect(xmllintCheck('<a><b></a>')).rejects.toThrow(/mismatch/i);
  });
});

describe('parseFeed (Python feedparser)', { timeout: 20_000 }, () => {
  it('reads a hand-written RSS 2.0 feed as a feed reader would, with no bozo', async () => {
    const feed = await parseFeed(rss);
    expect(feed.bozo).toBe(false);
    expect(feed.bozoException).toBeNull();
    expect(feed.version).toBe('rss20');
    expect(feed.feed).toEqual({ title: 'Port Alder Gazette', link: 'https://news.example/', language: 'en-GB' });
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]).toEqual({
      title: 'The harbour lights come back on',
      link: 'https://news.example/stories/harbour-lights',
      id: 'https://news.example/stories/harbour-lights',
      author: 'Maya Okafor',
      tags: ['City', 'Night & day'],
      published: 'Fri, 20 Nov 2026 08:30:00 GMT',
      publishedParsed: '2026-11-20T08:30:00Z',
      // No atom:updated: feedparser takes the publication date as the last change.
      updatedParsed: '2026-11-20T08:30:00Z',
      summary: 'After two dark winters the breakwater lamps are lit again.',
      content: '<p>The lamps are <em>finally</em> lit. Café owners cheered.</p>',
      enclosures: [{ href: 'https://news.example/images/stories/harbour.jpg', type: 'image/jpeg', length: '12345' }],
    });
  });

  it('sets bozo, with the exception, on a broken feed', async () => {
    const broken = rss.replace('<category>City</category>', '<category>City & Harbour</category>');
    const feed = await parseFeed(broken);
    expect(feed.bozo).toBe(true);
    expect(feed.bozoException).toMatch(/SAXParseException|not well-formed/);
  });

  it('sets bozo on a truncated feed', async () => {
    const feed = await parseFeed(rss.slice(0, rss.indexOf('</item>')));
    expect(feed.bozo).toBe(true);
  });
});
