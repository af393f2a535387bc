/**
 * Starts loading an image ahead of the <img> that will show it. An <img> with the same address then takes it from
 * the document's list of available images: no request of its own, and nothing to wait for when it first paints.
 * A request started while a click is being handled wakes the browser's other processes, which on a small machine
 * take the CPU from the page just as it should paint the new story (measured with npm run bench).
 */

// The images are kept, so the browser keeps them available; the last few are enough for a reader's hovers.
const KEPT = 8;
const warm = new Map<string, HTMLImageElement>();

export function warmImage(src: string | undefined): void {
  if (!src || typeof Image === 'undefined' || warm.has(src)) return;
  // A reader who asked to save data gets each image only when the page shows it.
  if ((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData) return;
  const image = new Image();
  image.decoding = 'async';
  image.src = src;
  warm.set(src, image);
  if (warm.size > KEPT) warm.delete(warm.keys().next().value!);
}
