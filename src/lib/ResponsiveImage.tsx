import type { Ref, SyntheticEvent } from 'react';
import { toneClasses } from './imageTone';
import { IMAGE_SIZES, variantAt, variantSrcset, type ImageUse, type ImageVariants } from '../schema/variantUrls';

export interface ResponsiveSource {
  src: string;
  width?: number;
  height?: number;
  variants?: ImageVariants;
}

interface Props {
  image: ResponsiveSource;
  alt: string;
  /** Where the image sits, which sets the `sizes` the browser picks a width by. */
  use: ImageUse;
  className?: string;
  /** The page's likely largest paint: fetched first and never lazily. */
  priority?: boolean;
  /** Above the fold but not the largest paint: fetched at once, at the usual priority. */
  eager?: boolean;
  /** A fixed box (an avatar), instead of the image's own width and height. */
  box?: { width: number; height: number };
  onError?: (event: SyntheticEvent<HTMLImageElement>) => void;
  ref?: Ref<HTMLImageElement>;
}

/** The JPEG the `<img>` names as its own `src`: a width most screens can use, for browsers without `srcset`. */
const FALLBACK_WIDTH = 800;

/**
 * A content image at the width and in the format the reader's screen needs: AVIF, then WebP, then JPEG, each at
 * every width the source allows (src/schema/imageVariants.ts), with the `sizes` of its place in the layout.
 * Width and height are always set, so nothing shifts as it arrives. An image the server could not resize (SVG,
 * an animation, a missing file) is the plain `<img>` it always was.
 */
export function ResponsiveImage({ image, alt, use, className, priority, eager, box, onError, ref }: Props) {
  const { variants } = image;
  const width = box?.width ?? image.width ?? variants?.width;
  const height = box?.height ?? image.height ?? variants?.height;
  // Until the photo arrives its box shows its dominant colour (read by the server when the content was synced).
  const tone = toneClasses(variants?.tone);
  const img = (props: { src: string; srcSet?: string; sizes?: string }) => (
    <img
      {...props}
      ref={ref}
      className={[className, tone].filter(Boolean).join(' ') || undefined}
      alt={alt}
      width={width}
      height={height}
      loading={priority || eager ? 'eager' : 'lazy'}
      decoding={priority ? 'auto' : 'async'}
      fetchPriority={priority ? 'high' : undefined}
      onError={onError}
    />
  );
  if (!variants) return img({ src: image.src });
  const sizes = IMAGE_SIZES[use];
  return (
    <picture>
      <source type="image/avif" srcSet={variantSrcset(image.src, variants, 'avif')} sizes={sizes} />
      <source type="image/webp" srcSet={variantSrcset(image.src, variants, 'webp')} sizes={sizes} />
      {img({
        src: variantAt(image.src, variants, FALLBACK_WIDTH).src,
        srcSet: variantSrcset(image.src, variants, 'jpeg'),
        sizes,
      })}
    </picture>
  );
}
