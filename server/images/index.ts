import { createDiskCache } from './diskCache';
import { createImageEnricher } from './enrich';
import { createFileSource } from './fileSource';
import { createTransformQueue } from './queue';
import { createRemoteSource } from './remoteSource';
import { createImageService } from './service';

export { imageRoutes } from './routes';
export type { ImageService } from './service';
export type { CopiesOf, ImageEnricher } from './enrich';
export type { CopyCandidate } from './copies';

export interface ImagesOptions {
  contentDir: string;
  distDir: string;
  cacheDir: string;
  cacheBytes: number;
  /** Transforms at once (sharp's own threads are held to one each). */
  transforms: number;
  /** The origins remote images may be fetched from (content/site.json's imageOrigins). */
  imageOrigins?: readonly string[];
  /** Listed origins fetched over http and at internal addresses too (WORDPRESS_MEDIA_INTERNAL's WordPress). */
  trustedOrigins?: readonly string[];
  log?: (message: string) => void;
}

/**
 * The image service over the content folder's files (then the built site's) and the listed image origins, with
 * its disk cache and queue.
 */
export function createImages({
  contentDir,
  distDir,
  cacheDir,
  cacheBytes,
  transforms,
  imageOrigins = [],
  trustedOrigins = [],
  log,
}: ImagesOptions) {
  const files = createFileSource([contentDir, distDir]);
  const remote = createRemoteSource({ origins: imageOrigins, trusted: trustedOrigins, log });
  const service = createImageService({
    read: (src) => (src.startsWith('/') ? files(src) : remote(src)),
    readOriginal: createFileSource([contentDir]),
    disk: createDiskCache(cacheDir, cacheBytes, log),
    queue: createTransformQueue(Math.max(1, transforms)),
    log,
  });
  return { service, enricher: createImageEnricher(service, log) };
}
export { fitCopies } from './copies';
export { describeImage } from './describe';
export { createDiskCache } from './diskCache';
export { createFileSource } from './fileSource';
export { createTransformQueue } from './queue';
export { createImageService } from './service';
export { makeVariant } from './transform';
