import { variantWidths, type ImageVariants, type VariantCopy, type VariantFormat } from '../../src/schema';
import type { Description } from './describe';

/** A copy of a source made elsewhere, as its system lists it (WordPress's `media_details.sizes`). */
export interface CopyCandidate {
  src: string;
  width: number;
  height: number;
}

/**
 * How far a copy's width may be from a rung's and still stand in for it: WordPress's 768, 1536 for the ladder's
 * 800, 1600 (4 %), never its 300 for 320 (6 %). A browser picking by width barely notices 4 %.
 */
export const COPY_WIDTH_TOLERANCE = 0.05;

const FORMATS: Record<string, VariantFormat> = { jpeg: 'jpeg', webp: 'webp' };

/** Whether `width` × `height` is the source's shape, give or take the pixel the maker rounded. */
const sameAspect = (source: ImageVariants, width: number, height: number) =>
  Math.abs(height - (width * source.height) / source.width) <= 1;

/** The rung a copy of `width` pixels could stand in for, if any: the source's ladder, within the tolerance. */
function rungFor(source: ImageVariants, width: number): number | undefined {
  return variantWidths(source.width).find(
    (rung) => rung !== source.width && Math.abs(width - rung) <= rung * COPY_WIDTH_TOLERANCE,
  );
}

/**
 * The copies that stand in for rungs of a source's ladder: for each rung, the first listed copy whose width is
 * within the tolerance and whose shape is the source's, by what its system says and then by its own bytes
 * (read under the same rules as any source: `describe` is the image service's). Its real format must be one
 * a variant may be (JPEG or WebP: WordPress 6.1 makes no AVIF, and a PNG copy is no photo's best). A rung at
 * the source's own width is the source's. A copy that cannot be read is logged and left out: that rung is made
 * from the source as usual.
 */
export async function fitCopies(
  source: ImageVariants,
  candidates: readonly CopyCandidate[],
  describe: (src: string) => Promise<Description | undefined>,
  log: (message: string) => void,
): Promise<VariantCopy[]> {
  const copies: VariantCopy[] = [];
  for (const candidate of candidates) {
    const rung = rungFor(source, candidate.width);
    if (!rung || !sameAspect(source, candidate.width, candidate.height)) continue;
    const description = await describe(candidate.src).catch(() => undefined);
    if (description?.kind !== 'raster') {
      log(`images: ${candidate.src} (a copy of ${source.hash}) is not used: it cannot be read as an image`);
      continue;
    }
    const { variants, format, asIs } = description;
    const as = FORMATS[format];
    if (!as || !asIs || variants.width !== candidate.width || !sameAspect(source, variants.width, variants.height))
      continue;
    if (copies.some((copy) => copy.rung === rung && copy.format === as)) continue;
    copies.push({ rung, src: candidate.src, hash: variants.hash, width: variants.width, format: as });
  }
  return copies.sort((a, b) => a.rung - b.rung || a.format.localeCompare(b.format));
}
