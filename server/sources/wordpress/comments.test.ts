import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commentText, mapComments } from './comments';
import { check, WpComment } from './schema';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const comments = (raw: unknown[]) =>
  raw.map((item) => {
    const checked = check(WpComment, item);
    if (!checked.ok) throw new Error(checked.reason);
    return checked.value;
  });

describe('commentText', () => {
  it('separates paragraphs by a blank line and keeps line breaks, entities decoded', () => {
    expect(
      commentText('<p>Is the path open?</p>\n<p>Asking for my <em>evening</em> walks &amp; runs.<br />\nThanks</p>\n'),
    ).toBe('Is the path open?\n\nAsking for my evening walks & runs.\nThanks');
  });
  it('shows no script and keeps link text', () => {
    expect(commentText('<p>See <a href="https://x.example">this</a><script>alert(1)</script></p>')).toBe('See this');
  });
});

describe('mapComments', () => {
  const slugs = new Map([
    [4, 'breakwater-lamps-relit'],
    [7, 'seal-tagging-results'],
  ]);

  it('maps the sample site comments, threaded: parents before replies, WordPress ids kept', () => {
    const { rows, skipped } = mapComments(
      comments(fixture('../../../test/fixtures/wordpress-sample/comments.json')),
      (id) => slugs.get(id),
    );
    expect(skipped).toEqual([]);
    expect(rows.map((row) => [row.wordpressId, row.parentWordpressId])).toEqual([
      [7, null],
      [2, null],
      [3, 2],
      [4, 3],
      [5, null],
    ]);
    expect(rows[2]).toEqual({
      storySlug: 'breakwater-lamps-relit',
      wordpressId: 3,
      parentWordpressId: 2,
      name: 'Osei Brand',
      website: 'https://example.org/osei',
      text: 'Same here. The wall looks twice as long lit up.',
      createdAt: '2026-11-21T18:40:00Z',
    });
    expect(rows[4]?.text).toBe(
      'Thank you to everyone who baked for the Lamp Fund.\n\nThe lemon cake at the October stall was worth a lamp on its own.',
    );
  });

  it('threads a reply that arrives before its parent (frontity fixture) and skips posts Byline does not have', () => {
    const raw = fixture('../../../test/fixtures/wordpress-rest/frontity-wp-post-60-comments.json');
    const { rows } = mapComments(comments(raw), (id) => (id === 60 ? 'the-beauties-of-gullfoss' : undefined));
    const order = rows.map((row) => row.wordpressId);
    expect(order.indexOf(124)).toBeLessThan(order.indexOf(129));
    expect(rows.find((row) => row.wordpressId === 129)?.parentWordpressId).toBe(124);
    const elsewhere = mapComments(comments(raw), () => undefined);
    expect(elsewhere.rows).toEqual([]);
    expect(elsewhere.skipped[0]?.reason).toBe('post 60 is not a synced story');
  });

  it('skips unapproved and empty comments and refuses a website that is not http(s)', () => {
    const base = {
      post: 4,
      parent: 0,
      author_name: '',
      date_gmt: '2026-11-21T10:00:00',
      content: { rendered: '<p>Hi</p>' },
    };
    const { rows, skipped } = mapComments(
      [
        { ...base, id: 1, status: 'hold', author_url: '' },
        { ...base, id: 2, author_url: '', content: { rendered: '<p> </p>' } },
        { ...base, id: 3, author_url: 'javascript:alert(1)' },
      ],
      () => 'story',
    );
    expect(skipped).toEqual([
      { id: 1, reason: 'status hold' },
      { id: 2, reason: 'no text' },
    ]);
    expect(rows).toEqual([expect.objectContaining({ wordpressId: 3, name: 'Anonymous', website: null })]);
  });
});
