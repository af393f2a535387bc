import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { variantUrl, type VariantRequest } from '../../src/schema';
import {
  animatedGif,
  cmykJpeg,
  hugePngHeader,
  noiseJpeg,
  twoToneJpeg,
  wordpressCopyJpeg,
} from '../../test/helpers/photos';
import { describeImage } from './describe';
import { createDiskCache } from './diskCache';
import { createFileSource } from './fileSource';
import { createTransformQueue } from './queue';
import { imageRoutes } from './routes';
import { createImageService } from './service';
import { scratchDir } from '../../test/helpers/scratch';

const root = scratchDir('images');
const content = join(root, 'content');
const photos: Record<string, Buffer> = {};

function setup(cacheBytes = 64 * 1024 * 1024) {
  const logs: string[] = [];
  let reads = 0;
  const files = createFileSource([content]);
  const service = createImageService({
    read: (src) => {
      reads++;
      return files(src);
    },
    disk: createDiskCache(mkdtempSync(join(root, 'cache-')), cacheBytes),
    queue: createTransformQueue(1),
    log: (message) => logs.push(message),
  });
  return { service, logs, reads: () => reads, routes: imageRoutes(service) };
}

async function described(name: string) {
  const description = await describeImage(photos[name]!);
  if (description.kind !== 'raster') throw new Error(`${name}: ${description.reason}`);
  return description.variants;
}

const request = async (name: string, width: number, format: VariantRequest['format']): Promise<VariantRequest> => ({
  src: `/images/${name}`,
  hash: (await described(name)).hash,
  width,
  format,
});

beforeAll(async () => {
  photos['camera.jpg'] = await noiseJpeg(4000, 3000);
  photos['small.jpg'] = await noiseJpeg(700, 467);
  photos['copy-768x512.jpg'] = await wordpressCopyJpeg(768, 512);
  photos['rotated.jpg'] = await noiseJpeg(900, 600, { orientation: 6 });
  photos['press.jpg'] = await cmykJpeg(800, 600);
  photos['animated.gif'] = await animatedGif(64, 48);
  photos['bomb.png'] = hugePngHeader(20000, 20000);
  photos['truncated.jpg'] = (await noiseJpeg(1000, 750)).subarray(0, 20000);
  photos['really-a-png.jpg'] = await sharp({ create: { width: 500, height: 300, channels: 4, background: '#0000' } })
    .png()
    .toBuffer();
  photos['two-tone.jpg'] = await twoToneJpeg(2400, 1600, '#1d4f91', '#f2c230');
  photos['drawing.svg'] = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
  mkdirSync(join(content, 'images'), { recursive: true });
  for (const [name, bytes] of Object.entries(photos)) writeFileSync(join(content, 'images', name), bytes);
}, 60_000);

describe('describing a source', () => {
  it('gives a photo its content hash and upright size', async () => {
    expect(await described('camera.jpg')).toEqual({
      hash: expect.stringMatching(/^[0-9a-f]{8}$/),
      width: 4000,
      height: 3000,
    });
    expect(await described('rotated.jpg')).toMatchObject({ width: 600, height: 900 });
  });

  it('serves SVG, animations, decompression bombs and unreadable files as they are, saying why', async () => {
    const reasons = await Promise.all(
      ['drawing.svg', 'animated.gif', 'bomb.png'].map(async (name) => describeImage(photos[name]!)),
    );
    expect(reasons).toEqual([
      { kind: 'original', reason: 'SVG is served as it is' },
      { kind: 'original', reason: 'an animated gif is served as it is' },
      { kind: 'original', reason: '20000×20000 is more than 60 megapixels' },
    ]);
    expect(await describeImage(Buffer.from('not an image at all'))).toMatchObject({ kind: 'original' });
  });

  it('reads the format from the bytes, not the name', async () => {
    expect(await described('really-a-png.jpg')).toMatchObject({ width: 500, height: 300 });
  });
});

describe('the tone a photo’s box shows while it loads', () => {
  it('is the photo’s dominant colour, read when the image is described for the content', async () => {
    const { service } = setup();
    const description = await service.describe('/images/two-tone.jpg');
    expect(description).toMatchObject({ kind: 'raster', variants: { width: 2400, height: 1600 } });
    const tone = (description as { variants: { tone: string } }).variants.tone;
    expect(tone).toMatch(/^#[0-9a-f]{6}$/);
    // The dominant blue, not the yellow stripe nor a muddy mean of the two (JPEG shifts a channel a little).
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(tone.slice(at, at + 2), 16));
    expect(Math.abs(r! - 0x1d) + Math.abs(g! - 0x4f) + Math.abs(b! - 0x91)).toBeLessThan(48);
    // A camera photo of noise has a tone too; the header-only description used per variant does not.
    expect(await service.describe('/images/camera.jpg')).toMatchObject({ variants: { tone: expect.any(String) } });
    expect((await described('two-tone.jpg')).tone).toBeUndefined();
  });

  it('is left out for an image with transparency (it would show through) and one that cannot be decoded', async () => {
    const { service } = setup();
    for (const name of ['really-a-png.jpg', 'truncated.jpg']) {
      const description = await service.describe(`/images/${name}`);
      expect(description).toMatchObject({ kind: 'raster' });
      expect((description as { variants: { tone?: string } }).variants.tone).toBeUndefined();
    }
  });
});

describe('variants', () => {
  it('makes a WebP of the asked width, immutable, keyed by source', async () => {
    const { routes } = setup();
    const wanted = await request('camera.jpg', 640, 'webp');
    const response = await routes.request(variantUrl(wanted.src, wanted, 640, 'webp'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/webp');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('xkey')).toMatch(/^image:[0-9a-f]{16}$/);
    expect(response.headers.get('Vary')).toBeNull();
    expect(response.headers.get('ETag')).toBe(`W/"${wanted.hash}-640-webp"`);
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 640, 480]);
  });

  it('makes one transform for many readers of the same cold variant, then serves it from disk', async () => {
    const { service, reads } = setup();
    const wanted = await request('camera.jpg', 800, 'jpeg');
    const answers = await Promise.all(Array.from({ length: 5 }, () => service.variant(wanted)));
    expect(reads()).toBe(1);
    expect(new Set(answers.map((answer) => answer.status === 200 && answer.bytes.length)).size).toBe(1);
    await service.variant(wanted);
    expect(reads()).toBe(1);
  });

  it('answers an AVIF address with WebP, briefly cacheable, until the AVIF made in the background exists', async () => {
    const { service } = setup();
    const wanted = await request('small.jpg', 480, 'avif');
    const first = await service.variant(wanted);
    expect(first).toMatchObject({ status: 200, type: 'image/webp', immutable: false });
    for (let tries = 0; tries < 100; tries++) {
      const later = await service.variant(wanted);
      if (later.status === 200 && later.type === 'image/avif') {
        expect(later.immutable).toBe(true);
        expect((await sharp(later.bytes).metadata()).width).toBe(480);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the AVIF was never made');
  });

  it('never upscales: a width above the source is not made', async () => {
    const { service } = setup();
    expect(await service.variant(await request('small.jpg', 800, 'webp'))).toEqual({ status: 404 });
    const own = await service.variant(await request('small.jpg', 700, 'webp'));
    expect(own.status === 200 && (await sharp(own.bytes).metadata()).width).toBe(700);
  });

  it('turns an EXIF-rotated photo upright and a CMYK one to sRGB, without their metadata', async () => {
    const { service } = setup();
    const rotated = await service.variant(await request('rotated.jpg', 480, 'jpeg'));
    const press = await service.variant(await request('press.jpg', 640, 'jpeg'));
    if (rotated.status !== 200 || press.status !== 200) throw new Error('not made');
    const upright = await sharp(rotated.bytes).metadata();
    expect([upright.width, upright.height, upright.orientation, upright.exif]).toEqual([
      480,
      720,
      undefined,
      undefined,
    ]);
    expect((await sharp(press.bytes).metadata()).space).toBe('srgb');
  });

  it('sends a reader to the original of a truncated photo, and logs it once', async () => {
    const { routes, logs } = setup();
    const wanted = await request('truncated.jpg', 640, 'webp');
    const url = variantUrl(wanted.src, wanted, 640, 'webp');
    for (let i = 0; i < 2; i++) {
      const response = await routes.request(url);
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe('/images/truncated.jpg');
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
    }
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      /^images: \/images\/truncated\.jpg \([0-9a-f]{8}\) cannot be resized: .+; the original is served instead$/,
    );
  });

  it('sends an old version’s address to the current one, and a missing source to a 404', async () => {
    const { routes } = setup();
    const wanted = await request('camera.jpg', 640, 'webp');
    const stale = await routes.request(variantUrl(wanted.src, { hash: '00000000' }, 640, 'webp'));
    expect(stale.status).toBe(302);
    expect(stale.headers.get('Location')).toBe(variantUrl(wanted.src, wanted, 640, 'webp'));
    expect((await routes.request(variantUrl('/images/gone.jpg', wanted, 640, 'webp'))).status).toBe(404);
    expect((await routes.request(variantUrl('/images/../../etc/passwd', wanted, 640, 'webp'))).status).toBe(404);
    expect((await routes.request('/img/0a1b2c3d/640.gif?src=%2Fx.jpg')).status).toBe(404);
  });

  it('keeps the disk within its byte budget, dropping the least recently read first', async () => {
    const dir = mkdtempSync(join(root, 'budget-'));
    const disk = createDiskCache(dir, 10_000);
    await disk.put('aaaaaaaa', 320, 'webp', Buffer.alloc(4000));
    await disk.put('bbbbbbbb', 320, 'webp', Buffer.alloc(4000));
    await disk.get('aaaaaaaa', 320, 'webp'); // read: now the most recent
    await disk.put('cccccccc', 320, 'webp', Buffer.alloc(4000));
    expect(readdirSync(dir).sort()).toEqual(['aaaaaaaa-320.webp', 'cccccccc-320.webp']);
    expect(disk.bytes).toBeLessThanOrEqual(10_000);
    // A restart finds the files, within the (now smaller) budget.
    const again = createDiskCache(dir, 5000);
    expect(again.files).toBe(1);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});

describe('a disk that cannot keep a variant', () => {
  it('still answers with the variant, and says why it was not kept', async () => {
    const logs: string[] = [];
    const disk = createDiskCache(mkdtempSync(join(root, 'full-')), 64 * 1024 * 1024);
    const service = createImageService({
      read: createFileSource([content]),
      disk: { ...disk, put: () => Promise.reject(new Error('ENOSPC: no space left on device')) },
      queue: createTransformQueue(1),
      log: (message) => logs.push(message),
    });
    const answer = await service.variant(await request('small.jpg', 320, 'webp'));
    expect(answer).toMatchObject({ status: 200, type: 'image/webp', immutable: true });
    expect(logs).toEqual([expect.stringMatching(/^images: [0-9a-f]{8}-320\.webp could not be kept on disk: ENOSPC/)]);
  });
});

describe('originals from the content folder', () => {
  it('are served typed by their bytes', async () => {
    const { routes } = setup();
    const response = await routes.request('/images/really-a-png.jpg');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
  });
});

describe('a copy made elsewhere (one of WordPress sizes)', () => {
  it('is handed out as it was made at its own width and format, and made anew in any other', async () => {
    const { service } = setup();
    const same = await service.variant(await request('copy-768x512.jpg', 768, 'jpeg'));
    expect(same.status === 200 && same.bytes.equals(photos['copy-768x512.jpg']!)).toBe(true);
    const webp = await service.variant(await request('copy-768x512.jpg', 768, 'webp'));
    expect(webp.status === 200 && webp.type).toBe('image/webp');
    const narrower = await service.variant(await request('copy-768x512.jpg', 640, 'jpeg'));
    expect(narrower.status === 200 && (await sharp(narrower.bytes).metadata()).width).toBe(640);
  });

  it('never hands out a camera file as it is: its EXIF (GPS, orientation) is dropped by a new encoding', async () => {
    const { service } = setup();
    const answer = await service.variant(await request('small.jpg', 700, 'jpeg'));
    expect(answer.status).toBe(200);
    if (answer.status !== 200) return;
    expect(answer.bytes.equals(photos['small.jpg']!)).toBe(false);
    expect((await sharp(answer.bytes).metadata()).exif).toBeUndefined();
  });
});
