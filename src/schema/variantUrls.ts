/*
 * Kept free of zod, like url.ts: the story page's first script imports these, and the zod schemas stay out of it.
 * The schema of ImageVariants is in imageVariants.ts, which checks that it describes this same shape.
 */
/*
 * The image service's address scheme, shared by the server (which answers these addresses) and the pages (which
 * write them). A variant's address names the source, the width, the format and the source's content hash, so
 * the bytes behind one address never change and every cache may keep them for a year:
 *
 *   /img/<hash8>/<width>.<format>?src=<the image's src, percent-encoded>
 *
 * The hash is the first 8 hex digits of the SHA-256 of the source's bytes. The source stays the content's own
 * `src`, so the server resolves it with the same rules as the original (site path or listed origin).
 */

/** What the server learnt about a raster image when it synced the content (schema: imageVariants.ts). */
export interface ImageVariants {
  hash: string;
  /** The source's own size, upright (after its EXIF rotation): no variant is wider than this. */
  width: number;
  height: number;
  /** Copies the source's own system already made (WordPress's sizes) that stand in for rungs of the ladder. */
  copies?: VariantCopy[];
}

/**
 * A copy made elsewhere (one of WordPress's sizes), checked by the server to fit a rung of the ladder: the same
 * aspect, a width near the rung's, a format a variant may be. Its address is a variant of the copy itself at its
 * own width and format, named by the copy's own content hash, so it obeys every rule a variant does.
 */
export interface VariantCopy {
  /** The ladder's width this copy stands in for. */
  rung: number;
  src: string;
  hash: string;
  width: number;
  format: VariantFormat;
}

/** The widths variants are made at. Fixed, so caches see few distinct addresses. */
export const WIDTH_LADDER = [320, 480, 640, 800, 1024, 1280, 1600, 2048] as const;
/** The width Open Graph, Twitter cards and feeds use. */
export const SHARE_WIDTH = 1200;

const MAX_WIDTH = WIDTH_LADDER[WIDTH_LADDER.length - 1]!;

export const VARIANT_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

export const VARIANT_PREFIX = '/img/';

/**
 * The ladder's widths a source of `sourceWidth` pixels can give without upscaling: every rung narrower than
 * the source, then the source's own width when it falls between rungs (below the top one), so the sharpest
 * variant is the source itself, never a blown-up copy.
 */
export function variantWidths(sourceWidth: number): number[] {
  const widths: number[] = WIDTH_LADDER.filter((width) => width < Math.min(sourceWidth, MAX_WIDTH));
  widths.push(Math.min(sourceWidth, MAX_WIDTH));
  return widths;
}

/** Every width the server makes for a source: its ladder and the share card's width (capped at the source's). */
export const allowedWidths = (sourceWidth: number) =>
  new Set([...variantWidths(sourceWidth), Math.min(SHARE_WIDTH, sourceWidth)]);

export function variantUrl(src: string, variants: Pick<ImageVariants, 'hash'>, width: number, format: VariantFormat) {
  return `${VARIANT_PREFIX}${variants.hash}/${width}.${format}?src=${encodeURIComponent(src)}`;
}

/**
 * A `srcset` for one format: each width the source allows, described by its width. A rung with a copy that
 * serves the format is that copy: a JPEG or WebP copy serves its own format, and a WebP copy stands in for AVIF
 * too (made already, where AVIF would cost ten times WebP's encoding: docs/images.md, WordPress).
 */
export function variantSrcset(src: string, variants: ImageVariants, format: VariantFormat): string {
  return variantWidths(variants.width)
    .map((width) => {
      const copy = variants.copies?.find(
        (made) => made.rung === width && (made.format === format || (made.format === 'webp' && format === 'avif')),
      );
      const url = copy ? variantUrl(copy.src, copy, copy.width, copy.format) : variantUrl(src, variants, width, format);
      return `${url} ${copy?.width ?? width}w`;
    })
    .join(', ');
}

/** The variant closest to `wanted` pixels wide that the source allows (the share card's 1200, say). */
export function variantAt(src: string, variants: ImageVariants, wanted: number, format: VariantFormat = 'jpeg') {
  const width = Math.min(wanted, variants.width);
  return {
    src: variantUrl(src, variants, width, format),
    width,
    height: Math.round((variants.height * width) / variants.width),
  };
}

/**
 * The image social cards and feeds name: the 1200-wide JPEG (every card reader takes JPEG) when the server can
 * resize the source, else the source itself with whatever size the content gave.
 */
export function shareImage(image: { src: string; width?: number; height?: number; variants?: ImageVariants }): {
  src: string;
  width?: number;
  height?: number;
  type?: string;
} {
  if (!image.variants) return { src: image.src, width: image.width, height: image.height };
  return { ...variantAt(image.src, image.variants, SHARE_WIDTH, 'jpeg'), type: 'image/jpeg' };
}

export interface VariantRequest {
  hash: string;
  width: number;
  format: VariantFormat;
  src: string;
}

/**
 * Reads a variant address back (path and its `src` parameter); undefined for anything the scheme would not
 * write: a width off the ladder (other than a source's own width, which the server checks), a format not made.
 */
export function parseVariantUrl(pathname: string, srcParam: string | undefined): VariantRequest | undefined {
  const match = /^\/img\/([0-9a-f]{8})\/([1-9][0-9]{0,4})\.(avif|webp|jpeg)$/.exec(pathname);
  if (!match || !srcParam) return undefined;
  const width = Number(match[2]);
  if (width > MAX_WIDTH) return undefined;
  return { hash: match[1]!, width, format: match[3] as VariantFormat, src: srcParam };
}

/**
 * How wide each use shows its image at each breakpoint, as `sizes` says it (src/app/styles.css is the layout
 * these follow: a 72rem page with 1rem gutters, a 40rem story column, 14rem card images from 40rem up).
 */
export const IMAGE_SIZES = {
  /** The lead image and body images: the story column. */
  story: '(min-width: 42rem) 40rem, calc(100vw - 2rem)',
  /** A story card's image: full width on a phone, a 14rem column beside the text from 40rem. */
  card: '(min-width: 40rem) 14rem, calc(100vw - 2rem)',
  /** An embedded post's media, inside the card's padding. */
  embed: '(min-width: 42rem) 38rem, calc(100vw - 4rem)',
  /** An author's round photo. */
  avatar: '4.5rem',
} as const;
export type ImageUse = keyof typeof IMAGE_SIZES;
