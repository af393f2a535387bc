import type { CopyCandidate } from '../../images';
import { MAX_BODY_LENGTH } from './convert/body';
import type { MediaRef, MediaSize } from './convert/context';
import { descendants, parseHtml } from './convert/dom';
import { mediaRefNeeded } from './convert/image';
import type { WpMedia } from './schema';

/** Attachment ids of the images in some posts' HTML that carry no width and height of their own. */
export function mediaIdsNeeded(htmls: readonly string[]): number[] {
  const ids = new Set<number>();
  for (const html of htmls) {
    if (html.length > MAX_BODY_LENGTH) continue; // refused by the converter: no sizes needed
    for (const element of descendants(parseHtml(html))) {
      if (element.name !== 'img') continue;
      const id = mediaRefNeeded(element)?.id;
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

const whole = (width: number | undefined, height: number | undefined): MediaSize | undefined =>
  width && height && Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0
    ? { width, height }
    : undefined;

/**
 * A lookup of image sizes from media records: the exact copy the img points at when WordPress lists it among
 * the record's sizes, else the original's size (same aspect ratio), by attachment id.
 */
export function mediaSizeLookup(records: readonly WpMedia[]): (ref: MediaRef) => MediaSize | undefined {
  const bySource = new Map<string, MediaSize>();
  const byId = new Map<number, MediaSize>();
  for (const record of records) {
    const details = record.media_details ?? {};
    const original = whole(details.width, details.height);
    if (original) {
      byId.set(record.id, original);
      bySource.set(record.source_url, original);
    }
    for (const size of Object.values(details.sizes ?? {})) {
      const dimensions = whole(size.width, size.height);
      if (dimensions && size.source_url) bySource.set(size.source_url, dimensions);
    }
  }
  return (ref) => bySource.get(ref.src) ?? (ref.id === undefined ? undefined : byId.get(ref.id));
}

/**
 * The copies WordPress made of each original (its `media_details.sizes`: thumbnail, medium, large…), by the
 * original's address, for the image service to use where they fit its ladder (server/images/copies.ts). Only
 * copies on the original's own origin are offered: they are fetched under the same rules as the original.
 */
export function mediaCopies(records: readonly (WpMedia | undefined)[]): (src: string) => CopyCandidate[] | undefined {
  const bySource = new Map<string, CopyCandidate[]>();
  for (const record of records) {
    if (!record) continue;
    const origin = URL.parse(record.source_url)?.origin;
    const copies: CopyCandidate[] = [];
    for (const size of Object.values(record.media_details?.sizes ?? {})) {
      const dimensions = whole(size.width, size.height);
      // 'full' names the original itself: no copy of it.
      if (size.source_url === record.source_url) continue;
      if (dimensions && size.source_url && URL.parse(size.source_url)?.origin === origin)
        copies.push({ src: size.source_url, ...dimensions });
    }
    if (origin && copies.length) bySource.set(record.source_url, copies);
  }
  return (src) => bySource.get(src);
}
