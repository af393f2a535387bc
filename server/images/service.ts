import {
  allowedWidths,
  SHARE_WIDTH,
  type ImageVariants,
  type VariantFormat,
  type VariantRequest,
} from '../../src/schema';
import { createBoundedCache } from '../caches';
import { contentHash, describeImage, mediaTypeOf, type Description } from './describe';
import type { DiskCache } from './diskCache';
import type { SourceReader } from './fileSource';
import type { TransformQueue } from './queue';
import { makeVariant } from './transform';

export type VariantAnswer =
  | { status: 200; bytes: Buffer; type: string; immutable: boolean }
  /** The original (a source that cannot be resized) or the source's current version (its bytes changed). */
  | { status: 302; location: string }
  | { status: 404 };

const TYPES: Record<VariantFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

class SourceMissing extends Error {}
class SourceChanged extends Error {
  constructor(readonly location: string) {
    super('changed');
  }
}

interface Options {
  read: SourceReader;
  /** The sources /images/ serves as they are: the content folder's (the built site's are static assets). */
  readOriginal?: SourceReader;
  disk: DiskCache;
  queue: TransformQueue;
  log?: (message: string) => void;
}

/**
 * Variants of content images: from the disk cache when made before, else made once (however many readers ask
 * at the same moment) in the transform queue. AVIF costs ten times WebP to encode, so it is only ever made in
 * the background; until it exists its address answers with the WebP (briefly cacheable, see docs/images.md).
 */
export function createImageService({ read, readOriginal = read, disk, queue, log = console.error }: Options) {
  // Sources that failed to transform, by their content hash: the same bytes fail the same way, so no retry.
  const failed = createBoundedCache<string>(256 * 1024);

  async function sourceFor(request: Pick<VariantRequest, 'src' | 'hash' | 'width' | 'format'>) {
    const bytes = await read(request.src);
    if (!bytes) throw new SourceMissing(request.src);
    const hash = contentHash(bytes);
    if (hash !== request.hash) {
      const description = await describeImage(bytes);
      if (description.kind !== 'raster') throw new SourceChanged(request.src);
      const widths = [...allowedWidths(description.variants.width)].sort((a, b) => a - b);
      const width = widths.filter((w) => w <= request.width).at(-1) ?? widths[0]!;
      throw new SourceChanged(`/img/${hash}/${width}.${request.format}?src=${encodeURIComponent(request.src)}`);
    }
    return bytes;
  }

  /** Makes (or waits for) one variant and keeps it on disk. */
  function make(request: VariantRequest, urgent: boolean): Promise<Buffer> | undefined {
    const { hash, width, format } = request;
    const key = `${hash}-${width}.${format}`;
    const work = async () => {
      const kept = await disk.get(hash, width, format);
      if (kept) return kept;
      const source = await sourceFor(request);
      const description = await describeImage(source);
      if (description.kind !== 'raster') throw new Error(description.reason);
      if (!allowedWidths(description.variants.width).has(width)) throw new SourceMissing(request.src);
      // A copy made at this width and format already (one of WordPress's sizes) is served as it was made.
      const same = width === description.variants.width && description.format === format && description.asIs;
      const bytes = same ? source : await makeVariant(source, width, format);
      // A full or failing disk costs the next reader a transform, not this one their image.
      await disk.put(hash, width, format, bytes).catch((error: unknown) => {
        log(`images: ${key} could not be kept on disk: ${(error as Error).message}`);
      });
      return bytes;
    };
    return urgent ? queue.now(key, work) : queue.later(key, work);
  }

  async function variant(request: VariantRequest): Promise<VariantAnswer> {
    const { hash, width, format, src } = request;
    const kept = await disk.get(hash, width, format);
    if (kept) return { status: 200, bytes: kept, type: TYPES[format], immutable: true };
    const failure = failed.get(hash);
    if (failure !== undefined) return { status: 302, location: src };
    try {
      if (format === 'avif') {
        make(request, false)?.catch((error: unknown) => failedOnce(request, error));
        const bytes = await make({ ...request, format: 'webp' }, true)!;
        return { status: 200, bytes, type: TYPES.webp, immutable: false };
      }
      const bytes = await make(request, true)!;
      return { status: 200, bytes, type: TYPES[format], immutable: true };
    } catch (error) {
      if (error instanceof SourceMissing) return { status: 404 };
      if (error instanceof SourceChanged) return { status: 302, location: error.location };
      failedOnce(request, error);
      return { status: 302, location: src };
    }
  }

  function failedOnce(request: VariantRequest, error: unknown) {
    if (error instanceof SourceMissing || error instanceof SourceChanged || failed.has(request.hash)) return;
    const reason = (error as Error).message;
    failed.set(request.hash, reason, reason.length * 2);
    log(`images: ${request.src} (${request.hash}) cannot be resized: ${reason}; the original is served instead`);
  }

  return {
    variant,

    /** A source as it is, for content-folder images (which no static route serves), typed by its bytes. */
    async original(src: string): Promise<{ bytes: Buffer; type: string } | undefined> {
      const bytes = await readOriginal(src);
      const type = bytes && (await mediaTypeOf(bytes));
      return bytes && type ? { bytes, type } : undefined;
    },

    /** What the pages need to know of a source (read when content is synced); undefined when it is missing. */
    async describe(src: string): Promise<Description | undefined> {
      const bytes = await read(src);
      return bytes ? describeImage(bytes) : undefined;
    },

    /**
     * Queues a published image's variants ahead of its first reader, behind every reader's request: WebP at
     * each width, the share card's JPEG, then AVIF at each width. JPEG at the other widths (for the few
     * browsers without WebP) is made when first asked for. A rung a WebP copy stands in for (WordPress's size)
     * is that copy, kept as it is, in WebP and AVIF alike (src/schema/variantUrls.ts, variantSrcset).
     */
    prepare(src: string, variants: Pick<ImageVariants, 'hash' | 'width' | 'copies'>) {
      const widths = [...allowedWidths(variants.width)];
      const copied = new Set(variants.copies?.filter((copy) => copy.format === 'webp').map((copy) => copy.rung));
      const made = widths.filter((width) => !copied.has(width));
      const jobs: VariantRequest[] = [
        ...(variants.copies ?? []).map(({ src, hash, width, format }) => ({ src, hash, width, format })),
        ...made.map((width) => ({ src, hash: variants.hash, width, format: 'webp' as const })),
        { src, hash: variants.hash, width: Math.min(SHARE_WIDTH, variants.width), format: 'jpeg' },
        ...made.map((width) => ({ src, hash: variants.hash, width, format: 'avif' as const })),
      ];
      for (const job of jobs) {
        if (disk.has(job.hash, job.width, job.format)) continue;
        make(job, false)?.catch((error: unknown) => failedOnce(job, error));
      }
    },
  };
}

export type ImageService = ReturnType<typeof createImageService>;
