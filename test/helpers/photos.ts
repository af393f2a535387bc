import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/*
 * Test photos, made here: camera-like noise (which compresses as badly as a real photo) and the bad images a
 * newsroom meets. Nothing in the repository is a photograph someone else took.
 */

/** A JPEG of random noise, `width`×`height`, as a camera would give (quality 90). */
export const noiseJpeg = (width: number, height: number, options: { orientation?: number } = {}) =>
  sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .jpeg({ quality: 90 })
    .withMetadata(options.orientation ? { orientation: options.orientation } : {})
    .toBuffer();

/** A CMYK JPEG, as press photos come. */
export const cmykJpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#c03020' } })
    .toColourspace('cmyk')
    .jpeg()
    .toBuffer();

/** An animated GIF of `frames` frames. */
export const animatedGif = async (width: number, height: number, frames = 3) => {
  const pages = await Promise.all(
    Array.from({ length: frames }, (_, index) =>
      sharp({ create: { width, height, channels: 3, background: { r: index * 80, g: 40, b: 90 } } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(pages, { join: { animated: true } })
    .gif()
    .toBuffer();
};

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header claiming `width`×`height` (a decompression bomb's shape) with one row of data. */
export function hugePngHeader(width: number, height: number) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG as WordPress writes the sizes it cuts (its GD editor): camera-like noise and no metadata at all. */
export const wordpressCopyJpeg = async (width: number, height: number) =>
  sharp(await noiseJpeg(width, height))
    .jpeg({ quality: 82 })
    .toBuffer();
