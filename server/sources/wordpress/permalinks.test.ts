import { describe, expect, it } from 'vitest';
import { permalinkTarget, type PermalinkLookup } from './permalinks';

const lookup: PermalinkLookup = {
  slugForPostId: (id) => ({ 4: 'breakwater-lamps-relit', 60: 'the-beauties-of-gullfoss' })[id],
  storyForSlug: (slug) => (['breakwater-lamps-relit', 'cafe-creme'].includes(slug) ? slug : undefined),
};

describe('permalinkTarget', () => {
  it.each([
    ['/breakwater-lamps-relit/', '/stories/breakwater-lamps-relit'],
    ['/breakwater-lamps-relit', '/stories/breakwater-lamps-relit'],
    ['/2026/11/21/breakwater-lamps-relit/', '/stories/breakwater-lamps-relit'],
    ['/2026/11/breakwater-lamps-relit/', '/stories/breakwater-lamps-relit'],
    ['/?p=4', '/stories/breakwater-lamps-relit'],
    ['/index.php?p=60&preview=true', '/stories/the-beauties-of-gullfoss'],
    ['/Breakwater-Lamps-Relit/?utm_source=x', '/stories/breakwater-lamps-relit'],
  ])('%s → %s', (path, target) => {
    expect(permalinkTarget(path, lookup)).toBe(target);
  });

  it.each([
    ['/saved'],
    ['/unknown-post/'],
    ['/?p=999'],
    ['/?p=4x'],
    ['/'],
    ['/stories/breakwater-lamps-relit'],
    ['/2026/11/21/unknown/'],
    ['/%E0%A4%A/'],
  ])('leaves %s alone', (path) => {
    expect(permalinkTarget(path, lookup)).toBeUndefined();
  });
});
