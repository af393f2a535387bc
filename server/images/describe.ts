import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import type { ImageVariants } from '../../src/schema';
import { MAX_SOURCE_PIXELS } from './limits';

export type Description =
  | { kind: 'raster'; variants: ImageVariants; format: string; asIs: boolean }
  /** Served as it is, with the reason (SVG, an animation, a file sharp cannot read). */
  | { kind: 'original'; reason: string };

/** The first 8 hex digits of the bytes' SHA-256: the version a variant's address carries. */
export const contentHash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

const MEDIA_TYPES: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heif: 'image/avif',
  svg: 'image/svg+xml',
};

/** The media type the bytes really are (whatever their name says), or undefined for what is no web image. */
export async function mediaTypeOf(bytes: Buffer): Promise<string | undefined> {
  try {
    const { format } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return MEDIA_TYPES[format];
  } catch {
    return undefined;
  }
}

/**
 * What the image service can make of a source, from its header alone (no pixel is decoded): its upright size
 * and content hash, or why it is served as it is. The format is read from the bytes, never the file name.
 */
export async function describeImage(bytes: Buffer): Promise<Description> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return { kind: 'original', reason: `not an image sharp can read (${(error as Error).message})` };
  }
  const { format } = meta;
  if (format === 'svg') return { kind: 'original', reason: 'SVG is served as it is' };
  if ((meta.pages ?? 1) > 1) return { kind: 'original', reason: `an animated ${format} is served as it is` };
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) return { kind: 'original', reason: 'its size cannot be read' };
  if (width * height > MAX_SOURCE_PIXELS)
    return { kind: 'original', reason: `${width}×${height} is more than ${MAX_SOURCE_PIXELS / 1e6} megapixels` };
  if (width > 10000 || height > 10000) return { kind: 'original', reason: `${width}×${height} is too large a side` };
  // Bytes a reader may have untouched as the variant at their own width and format: upright already, in RGB,
  // with no EXIF, XMP or IPTC (a camera's GPS position stays private), as WordPress's own copies are.
  const asIs =
    (meta.orientation ?? 1) === 1 &&
    (meta.space === 'srgb' || meta.space === 'b-w') &&
    !meta.exif &&
    !meta.xmp &&
    !meta.iptc;
  return { kind: 'raster', variants: { hash: contentHash(bytes), width, height }, format, asIs };
}
