import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { variantWidths, type VariantFormat } from '../../src/schema';
import { createDiskCache } from '../../server/images';
import { describeImage } from '../../server/images';
import { createFileSource } from '../../server/images';
import { createTransformQueue } from '../../server/images';
import { createImageService } from '../../server/images';
import { makeVariant } from '../../server/images';
import { noiseJpeg } from '../../test/helpers/photos';

export interface ImagesResult {
  originalBytes: number;
  firstWebpMs: number;
  firstAvifMs: number;
  webpBytes: number;
  /** Variants answered a second from the disk cache, 50 at a time. */
  diskPerSecond: number;
  /** Peak RSS growth while 50 different cold variants were asked for at once. */
  coldPeakRssBytes: number;
  coldSeconds: number;
}

/** The image service in this process on a generated 12-megapixel camera JPEG (noise: the encoders' worst case). */
export async function measureImages(log: (line: string) => void): Promise<ImagesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'byline-bench-images-'));
  try {
    const photo = await noiseJpeg(4000, 3000);
    const images = join(dir, 'images');
    mkdirSync(images);
    const names = Array.from({ length: 7 }, (_, n) => `photo-${n}.jpg`);
    // Seven sources differing by one byte of their comment: different hashes, the same cost.
    for (const [n, name] of names.entries())
      writeFileSync(
        join(images, name),
        Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 3, n]), photo.subarray(2)]),
      );

    let begin = performance.now();
    const webp = await makeVariant(photo, 800, 'webp');
    const firstWebpMs = performance.now() - begin;
    begin = performance.now();
    await makeVariant(photo, 800, 'avif');
    const firstAvifMs = performance.now() - begin;
    log(`images: 800 WebP ${firstWebpMs.toFixed(0)} ms, 800 AVIF ${firstAvifMs.toFixed(0)} ms`);

    const service = createImageService({
      read: createFileSource([dir]),
      disk: createDiskCache(join(dir, 'cache'), 1024 * 1024 * 1024),
      queue: createTransformQueue(1),
      log,
    });
    const requests = [];
    for (const name of names) {
      const described = await describeImage(await readFile(join(images, name)));
      if (described.kind !== 'raster') throw new Error(described.reason);
      for (const width of variantWidths(described.variants.width))
        for (const format of ['webp', 'jpeg'] as VariantFormat[])
          requests.push({ src: `/images/${name}`, hash: described.variants.hash, width, format });
    }
    const cold = requests.slice(0, 50);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    begin = performance.now();
    await Promise.all(cold.map((request) => service.variant(request)));
    const coldSeconds = (performance.now() - begin) / 1000;
    clearInterval(sampler);

    let served = 0;
    const until = performance.now() + 5000;
    await Promise.all(
      Array.from({ length: 50 }, async (_, lane) => {
        for (let n = lane; performance.now() < until; n++) {
          await service.variant(cold[n % cold.length]!);
          served++;
        }
      }),
    );
    return {
      originalBytes: photo.length,
      firstWebpMs,
      firstAvifMs,
      webpBytes: webp.length,
      diskPerSecond: served / 5,
      coldPeakRssBytes: peak - before,
      coldSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
