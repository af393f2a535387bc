import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { noiseJpeg, wordpressCopyJpeg } from '../../test/helpers/photos';
import { fitCopies } from './copies';
import { contentHash, describeImage } from './describe';

const source = { hash: '0a1b2c3d', width: 4000, height: 2668 };

/** Real bytes behind each address, described as the image service would describe them. */
function reader(files: Record<string, Buffer>) {
  const asked: string[] = [];
  return {
    asked,
    describe: async (src: string) => {
      asked.push(src);
      const bytes = files[src];
      return bytes && describeImage(bytes);
    },
  };
}

describe('copies made elsewhere that stand in for rungs', () => {
  it('takes a copy within 5 % of a rung, of the same shape, never one off the ladder or cropped', async () => {
    const files = {
      'https://wp.test/a-150x150.jpg': await wordpressCopyJpeg(150, 150),
      'https://wp.test/a-300x200.jpg': await wordpressCopyJpeg(300, 200),
      'https://wp.test/a-768x512.jpg': await wordpressCopyJpeg(768, 512),
      'https://wp.test/a-1200x800.jpg': await wordpressCopyJpeg(1200, 800),
    };
    const { describe, asked } = reader(files);
    const candidates = Object.keys(files).map((src) => {
      const [, w, h] = /-(\d+)x(\d+)\./.exec(src)!;
      return { src, width: Number(w), height: Number(h) };
    });
    const copies = await fitCopies(source, candidates, describe, () => {});
    expect(copies).toEqual([
      {
        rung: 800,
        src: 'https://wp.test/a-768x512.jpg',
        hash: contentHash(files['https://wp.test/a-768x512.jpg']),
        width: 768,
        format: 'jpeg',
      },
    ]);
    // 300 is 6 % from 320, 1200 is 6 % from 1280, 150×150 is a crop: none is even read.
    expect(asked).toEqual(['https://wp.test/a-768x512.jpg']);
  });

  it('believes the bytes, not the listing: a copy of another size, a PNG, one with EXIF or one that is gone is left out', async () => {
    const logs: string[] = [];
    const files = {
      'https://wp.test/liar-1024x683.jpg': await wordpressCopyJpeg(1000, 667),
      'https://wp.test/flat-1024x683.png': await sharp({
        create: { width: 1024, height: 683, channels: 3, background: '#405060' },
      })
        .png()
        .toBuffer(),
      // A camera's file, EXIF and all, is never handed out as it is.
      'https://wp.test/camera-1024x683.jpg': await noiseJpeg(1024, 683),
      'https://wp.test/webp-1536x1024.webp': await sharp({
        create: { width: 1536, height: 1024, channels: 3, background: '#405060' },
      })
        .webp()
        .toBuffer(),
    };
    const { describe } = reader(files);
    const copies = await fitCopies(
      source,
      [
        ...Object.keys(files).map((src) => {
          const [, w, h] = /-(\d+)x(\d+)\./.exec(src)!;
          return { src, width: Number(w), height: Number(h) };
        }),
        { src: 'https://wp.test/gone-2048x1366.jpg', width: 2048, height: 1366 },
      ],
      describe,
      (message) => logs.push(message),
    );
    expect(copies.map(({ rung, width, format, src }) => ({ rung, width, format, src }))).toEqual([
      { rung: 1600, width: 1536, format: 'webp', src: 'https://wp.test/webp-1536x1024.webp' },
    ]);
    expect(logs).toEqual([
      'images: https://wp.test/gone-2048x1366.jpg (a copy of 0a1b2c3d) is not used: it cannot be read as an image',
    ]);
  });
});
