import * as z from 'zod/mini';
import { Dimension } from './primitives';
import type { ImageVariants as VariantsShape } from './variantUrls';

/* The image service's address scheme lives in variantUrls.ts (no zod there: the pages' first script uses it). */
export * from './variantUrls';

/** What the server learnt about a raster image when it synced the content: never written by hand. */
export const ImageVariants = z.strictObject({
  hash: z.string().check(z.regex(/^[0-9a-f]{8}$/, 'An 8-digit hex content hash')),
  /** The source's own size, upright (after its EXIF rotation): no variant is wider than this. */
  width: Dimension,
  height: Dimension,
  /** Copies made elsewhere (WordPress's sizes) that stand in for rungs: variantUrls.ts, VariantCopy. */
  copies: z.optional(
    z
      .array(
        z.strictObject({
          rung: Dimension,
          src: z.string().check(z.minLength(1), z.maxLength(2048)),
          hash: z.string().check(z.regex(/^[0-9a-f]{8}$/, 'An 8-digit hex content hash')),
          width: Dimension,
          format: z.enum(['avif', 'webp', 'jpeg']),
        }),
      )
      .check(z.maxLength(16)),
  ),
});
export type ImageVariants = z.infer<typeof ImageVariants>;

// The schema and the plain shape the address helpers take are one: each must fit the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<ImageVariants, VariantsShape> = true;
void sameShape;
