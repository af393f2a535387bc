import { describe, expect, it } from 'vitest';
import { StoryTags, TAGS_MAX, tagSlug } from './tags';

const issues = (input: unknown) =>
  StoryTags.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];

describe('story tags', () => {
  it('derives each slug from its name unless one is given', () => {
    expect(
      StoryTags.parse(['Flood defences', { name: 'Café Culture' }, { name: '日本', slug: 'japan' }, ' Ferries ']),
    ).toEqual([
      { name: 'Flood defences', slug: 'flood-defences' },
      { name: 'Café Culture', slug: 'cafe-culture' },
      { name: '日本', slug: 'japan' },
      { name: 'Ferries', slug: 'ferries' },
    ]);
  });

  it('cuts a long slug at a hyphen', () => {
    const slug = tagSlug(`${'word '.repeat(14)}end`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^word(-word)*$/);
  });

  it('refuses a name that makes no slug, two tags with one slug, and a bad or long explicit slug, by place', () => {
    expect(issues(['日本', 'Sea wall', 'sea-wall', { name: 'X', slug: 'Not A Slug' }, 'y'.repeat(61)])).toEqual([
      ['3.slug', 'Use lower-case letters, digits and single hyphens'],
      ['4', 'At most 60 characters'],
      ['0', expect.stringContaining('give it a "slug"')],
      ['2', 'Tag 2 already has the slug "sea-wall": list a tag once'],
    ]);
  });

  it(`takes at most ${TAGS_MAX} tags and refuses empty names`, () => {
    expect(issues(Array.from({ length: TAGS_MAX + 1 }, (_, index) => `Tag ${index}`))).toEqual([
      ['', `List at most ${TAGS_MAX} tags`],
    ]);
    expect(issues(['  '])).toEqual([['0', 'Required']]);
  });
});
