/**
 * Starts loading an image ahead of the <img> that will show it. An <img> with the same address then takes it from
 * the document's list of available images: no request of its own, and nothing to wait for when it first paints.
 * A request started while a click is being handled wakes the browser's other processes, which on a small machine
 * take the CPU from the page just as it should paint the new story (measured with npm run bench).
 */

import { IMAGE_SIZES, variantSrcset, type ImageUse, type ImageVariants } from '../schema/variantUrls';

// The images are kept, so the browser keeps them available; the last few are enough for a reader's hovers.
const KEPT = 8;
const warm = new Map<string, HTMLElement>();

/**
 * A resizable image is warmed as the page will show it (src/lib/ResponsiveImage.tsx): the same sources, srcset and
 * sizes in a <picture> of its own, so the browser picks the very variant the page's <picture> will ask for, not
 * the camera original.
 */
export function warmImage(image: { src: string; variants?: ImageVariants } | undefined, use: ImageUse = 'story'): void {
  const src = image?.src;
  if (!src || typeof Image === 'undefined' || warm.has(src)) return;
  // A reader who asked to save data gets each image only when the page shows it.
  if ((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData) return;
  const img = new Image();
  img.decoding = 'async';
  if (!image.variants) {
    img.src = src;
    warm.set(src, img);
  } else {
    const picture = document.createElement('picture');
    for (const [type, format] of [
      ['image/avif', 'avif'],
      ['image/webp', 'webp'],
    ] as const) {
      const source = document.createElement('source');
      source.type = type;
      source.sizes = IMAGE_SIZES[use];
      source.srcset = variantSrcset(src, image.variants, format);
      picture.append(source);
    }
    // In its picture before it has a srcset: the browser chooses once, among all the sources.
    picture.append(img);
    img.sizes = IMAGE_SIZES[use];
    img.srcset = variantSrcset(src, image.variants, 'jpeg');
    warm.set(src, picture);
  }
  if (warm.size > KEPT) warm.delete(warm.keys().next().value!);
}
