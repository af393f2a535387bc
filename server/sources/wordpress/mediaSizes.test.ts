import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { wordpressCopyJpeg } from '../../../test/helpers/photos';
import { describeImage, fitCopies } from '../../images';
import { mediaCopies, mediaIdsNeeded, mediaSizeLookup } from './mediaSizes';
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

describe('copies WordPress made, for the image ladder', () => {
  const sample = JSON.parse(
    readFileSync(new URL('../../../test/fixtures/wordpress-sample/media.json', import.meta.url), 'utf8'),
  ).map((raw: unknown) => {
    const media = check(WpMedia, raw);
    if (!media.ok) throw new Error(media.reason);
    return media.value;
  });

  it('lists each original its sizes, by the original address (frontity records)', () => {
    const copies = mediaCopies(records)('https://demo.worona.org/wp-content/uploads/2016/11/lake.jpg');
    expect(copies).toContainEqual({
      src: 'https://demo.worona.org/wp-content/uploads/2016/11/lake-768x512.jpg',
      width: 768,
      height: 512,
    });
    expect(copies).toHaveLength(5); // not 'full', the original itself
    expect(mediaCopies(records)('https://demo.worona.org/wp-content/uploads/2016/11/lake-768x512.jpg')).toBeUndefined();
  });

  it('uses the JPEG sizes that fit a rung and resizes the rest (frontity records, real bytes of those sizes)', async () => {
    const lake = 'https://demo.worona.org/wp-content/uploads/2016/11/lake.jpg';
    const files = new Map<string, Buffer>();
    for (const copy of mediaCopies(records)(lake)!)
      files.set(copy.src, await wordpressCopyJpeg(copy.width, copy.height));
    const copies = await fitCopies(
      { hash: '0a1b2c3d', width: 4000, height: 2668 },
      mediaCopies(records)(lake)!,
      async (src) => files.get(src) && describeImage(files.get(src)!),
      () => {},
    );
    expect(copies.map(({ rung, width, format }) => [rung, width, format])).toEqual([
      [800, 768, 'jpeg'],
      [1024, 1024, 'jpeg'],
    ]);
  });

  it('uses none of the harness PNG sizes: a PNG is no format the ladder serves (recorded sample site)', async () => {
    const src = 'http://127.0.0.1:8080/wp-content/uploads/2026/11/breakwater-lamps-relit.png';
    const listed = mediaCopies(sample)(src)!;
    expect(listed.map((copy) => copy.width).sort((a, b) => a - b)).toEqual([150, 300, 768, 1024]);
    const png = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: '#2b3f57' } })
        .png()
        .toBuffer();
    const files = new Map<string, Buffer>();
    for (const copy of listed) files.set(copy.src, await png(copy.width, copy.height));
    const copies = await fitCopies(
      { hash: '0a1b2c3d', width: 1200, height: 675 },
      listed,
      async (source) => files.get(source) && describeImage(files.get(source)!),
      () => {},
    );
    expect(copies).toEqual([]);
  });
});
