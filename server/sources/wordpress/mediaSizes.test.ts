import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mediaIdsNeeded, mediaSizeLookup } from './mediaSizes';
import { check, WpMedia } from './schema';

const frontity = JSON.parse(
  readFileSync(
    new URL('../../../test/fixtures/wordpress-rest/frontity-wp-post-60-embedded.json', import.meta.url),
    'utf8',
  ),
);
const records = frontity._embedded['wp:contentmedia'][0].map((raw: unknown) => {
  const media = check(WpMedia, raw);
  if (!media.ok) throw new Error(media.reason);
  return media.value;
});

describe('media sizes', () => {
  it('asks only for images that lack a dimension and name their attachment', () => {
    expect(
      mediaIdsNeeded([
        '<img class="wp-image-1" src="/a.jpg"><img class="wp-image-2" src="/b.jpg" width="3" height="2"><img src="/c.jpg">',
      ]),
    ).toEqual([1]);
  });

  it('finds the exact copy an img points at, else the original by attachment id (frontity media records)', () => {
    const lookup = mediaSizeLookup(records);
    expect(lookup({ src: 'https://demo.worona.org/wp-content/uploads/2016/11/lake-150x150.jpg' })).toEqual({
      width: 150,
      height: 150,
    });
    expect(lookup({ id: 118, src: 'https://elsewhere.example/lake.jpg' })).toEqual({ width: 4000, height: 2668 });
    expect(lookup({ id: 999, src: 'https://elsewhere.example/x.jpg' })).toBeUndefined();
  });
});
