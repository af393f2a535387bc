import { createDiskCache } from './diskCache';
import { createImageEnricher } from './enrich';
import { createFileSource } from './fileSource';
import { createTransformQueue } from './queue';
import { createImageService } from './service';

export { imageRoutes } from './routes';
export type { ImageService } from './service';
export type { ImageEnricher } from './enrich';

export interface ImagesOptions {
  contentDir: string;
  distDir: string;
  cacheDir: string;
  cacheBytes: number;
  /** Transforms at once (sharp's own threads are held to one each). */
  transforms: number;
  log?: (message: string) => void;
}

/** The image service over the content folder's files (then the built site's), its disk cache and queue. */
export function createImages({ contentDir, distDir, cacheDir, cacheBytes, transforms, log }: ImagesOptions) {
  const service = createImageService({
    read: createFileSource([contentDir, distDir]),
    readOriginal: createFileSource([contentDir]),
    disk: createDiskCache(cacheDir, cacheBytes, log),
    queue: createTransformQueue(Math.max(1, transforms)),
    log,
  });
  return { service, enricher: createImageEnricher(service, log) };
}
