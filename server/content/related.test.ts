import { describe, expect, it } from 'vitest';
import { pickRelated, type RelatedCandidate } from './related';

const story = (slug: string, tags: number[], categories: number[], day: number): RelatedCandidate => ({
  slug,
  tags,
  categories,
  publishedAt: `2026-11-${String(day).padStart(2, '0')}T08:00:00Z`,
});

describe('pickRelated', () => {
  const target = story('target', [1, 2], [10], 20);

  it('ranks by shared tags, then a shared category, newest first, and leaves the story itself out', () => {
    const all = [
      target,
      story('one-tag-old', [1], [11], 1),
      story('two-tags', [1, 2], [11], 2),
      story('one-tag-new', [2], [11], 9),
      story('same-section', [], [10], 15),
      story('unrelated-newest', [], [12], 19),
    ];
    expect(pickRelated(target, all)).toEqual(['two-tags', 'one-tag-new', 'one-tag-old', 'same-section']);
  });

  it('fills up to three with the newest other stories when few are related', () => {
    const all = [
      target,
      story('related', [1], [11], 1),
      story('a', [], [12], 3),
      story('b', [], [12], 5),
      story('c', [], [12], 4),
    ];
    expect(pickRelated(target, all)).toEqual(['related', 'b', 'c']);
  });

  it('stops at six', () => {
    const all = Array.from({ length: 10 }, (_, index) => story(`s${index}`, [1], [10], index + 1));
    expect(pickRelated(target, all)).toEqual(['s9', 's8', 's7', 's6', 's5', 's4']);
  });

  it('returns what there is when the site has fewer than four stories', () => {
    expect(pickRelated(target, [target, story('only', [], [], 1)])).toEqual(['only']);
  });
});
