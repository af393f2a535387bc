import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check, WpComment, WpMedia, WpPost, WpPostIndexEntry, WpTerm, WpUser } from './schema';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const realResponse = (name: string) => fixture(`../../../test/fixtures/wordpress-rest/${name}`);

describe('WordPress REST schemas on real responses', () => {
  it('accept a real post with plugin fields (frontity fixture), keeping what Byline reads', () => {
    const post = check(WpPost, realResponse('frontity-wp-post-60-embedded.json'));
    expect(post.ok && post.value).toMatchObject({
      id: 60,
      slug: 'the-beauties-of-gullfoss',
      categories: [3, 8],
      author: 4,
      featured_media: 62,
    });
    expect(post.ok && post.value._embedded?.author).toHaveLength(1);
  });

  it('accept every post, term, user, media item and comment of the sample site', () => {
    for (const raw of fixture('../../../test/fixtures/wordpress-sample/posts-embedded.json'))
      expect(check(WpPost, raw).ok).toBe(true);
    for (const raw of fixture('../../../test/fixtures/wordpress-sample/posts-index.json'))
      expect(check(WpPostIndexEntry, raw).ok).toBe(true);
    for (const raw of [
      ...fixture('../../../test/fixtures/wordpress-sample/categories.json'),
      ...fixture('../../../test/fixtures/wordpress-sample/tags.json'),
    ])
      expect(check(WpTerm, raw).ok).toBe(true);
    for (const raw of fixture('../../../test/fixtures/wordpress-sample/users.json'))
      expect(check(WpUser, raw).ok).toBe(true);
    for (const raw of fixture('../../../test/fixtures/wordpress-sample/media.json'))
      expect(check(WpMedia, raw).ok).toBe(true);
    for (const raw of fixture('../../../test/fixtures/wordpress-sample/comments.json'))
      expect(check(WpComment, raw).ok).toBe(true);
  });

  it('accept the comment shapes of the real-response fixtures (meta as object or array)', () => {
    for (const raw of [
      ...realResponse('frontity-wp-post-60-comments.json'),
      ...realResponse('wp-core-comments-collection.json'),
    ]) {
      expect(check(WpComment, raw).ok).toBe(true);
    }
  });

  it('accept a draft whose date_gmt is null', () => {
    const draft = fixture('../../../test/fixtures/wordpress-sample/draft-12-edit.json');
    expect(check(WpPost, { ...draft, date_gmt: null }).ok).toBe(true);
  });

  it('tolerate media details that are not an object', () => {
    const media = check(WpMedia, { id: 3, source_url: 'https://x.example/a.pdf', media_details: [] });
    expect(media.ok && media.value.media_details).toEqual({});
  });
});

describe('check', () => {
  it('names the record and the JSON path of the fault', () => {
    const [post] = fixture('../../../test/fixtures/wordpress-sample/posts-embedded.json');
    const broken = { ...post, title: { rendered: 7 }, modified_gmt: 'yesterday' };
    expect(check(WpPost, broken)).toEqual({
      ok: false,
      id: 4,
      reason: expect.stringMatching(/^modified_gmt: Invalid WordPress date; title\.rendered: .+/),
    });
  });
  it('has no id for garbage', () => {
    expect(check(WpPost, 'not a post')).toMatchObject({ ok: false, id: undefined });
  });
});
