import sharp, { type Sharp } from 'sharp';
import type { VariantFormat } from '../../src/schema';
import { MAX_SOURCE_PIXELS } from './limits';

// libvips' own threads: one, so a transform takes one core and the other still serves pages. Its operation
// cache is off: each source is read once per variant, and the cache would only hold decoded pixels.
sharp.concurrency(1);
sharp.cache(false);

const encode: Record<VariantFormat, (image: Sharp) => Sharp> = {
  // effort 2 of 9: a quarter of the default's time for a few per cent more bytes; still far below WebP's.
  avif: (image) => image.avif({ quality: 50, effort: 2 }),
  webp: (image) => image.webp({ quality: 72, effort: 4 }),
  // JPEG has no alpha: transparency becomes the page's white.
  jpeg: (image) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 75, mozjpeg: true, progressive: true }),
};

/**
 * One variant: the source turned upright (EXIF), in sRGB (a CMYK press file included), `width` wide (never
 * wider than the source), without its metadata (a camera's GPS position stays private). A truncated or damaged
 * source throws: a half-grey photo is not published.
 */
export async function makeVariant(source: Buffer, width: number, format: VariantFormat): Promise<Buffer> {
  const image = sharp(source, { limitInputPixels: MAX_SOURCE_PIXELS, failOn: 'truncated', autoOrient: true })
    .resize({ width, withoutEnlargement: true })
    .toColourspace('srgb');
  return encode[format](image).toBuffer();
}
