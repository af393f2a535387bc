import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result as LighthouseResult } from 'lighthouse';
import { Story, variantWidths, variantUrl, type VariantFormat } from '../../src/schema';
import { describeImage } from '../../server/images';
import { makeAuthor, makeStory, writeContentDir } from '../../test/helpers/content';
import { noiseJpeg } from '../../test/helpers/photos';
import { startServer } from '../../test/helpers/server';
import { renderFloorHtml, startFloorServer } from './floor';
import { runLighthouse } from './lighthouse';
import { loadGet, type LoadResult } from './load';
import { memory, servingProcess } from './processes';
import { median, sleep } from './stats';

/*
 * A story whose lead image is a 12-megapixel camera JPEG, served by the real server (its own process): what a
 * first visit in Lighthouse's mobile emulation transfers and paints against the static floor with the same
 * image, Lighthouse's image audits, variants from the disk cache over HTTP beside the story API, and the
 * server's memory and page latency while 50 different cold variants are asked for at once.
 */

/** The audits that say whether a page's images are sized, formatted and loaded as they should be. */
export const IMAGE_AUDITS = [
  'uses-responsive-images',
  'modern-image-formats',
  'offscreen-images',
  'lcp-lazy-loaded',
  'unsized-images',
] as const;

export interface PhotoVisit {
  lcp: number;
  /** Bytes of images the visit transferred, and each image's address. */
  imageBytes: number;
  images: { url: string; transferSize: number }[];
  /** Each image audit's score, display mode and, when it could not run, why. */
  audits: Record<string, { score: number | null; mode: string; error?: string }>;
}

export interface PhotosResult {
  originalBytes: number;
  byline: PhotoVisit[];
  /** The same page as static HTML, with the very bytes Byline's first visit took for the lead image. */
  floor: PhotoVisit[];
  floorImage: string;
  variantsFromDisk: LoadResult;
  storyApi: LoadResult;
  /** Page latency (ms) alone, then while the cold variants were made. */
  pages: { unloaded: { p99: number; count: number }; loaded: { p99: number; count: number } };
  cold: { count: number; seconds: number; peakRssGrowth: number; rssBefore: number; statuses: Record<number, number> };
  settledSeconds: number;
}

const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? NaN;
};

function visitOf(lhr: LighthouseResult): PhotoVisit {
  const requests =
    (
      lhr.audits['network-requests']?.details as {
        items?: { url: string; resourceType?: string; transferSize?: number }[];
      }
    )?.items ?? [];
  const images = requests
    .filter((request) => request.resourceType === 'Image')
    .map((request) => ({ url: request.url, transferSize: request.transferSize ?? 0 }));
  const audits: PhotoVisit['audits'] = {};
  for (const id of IMAGE_AUDITS) {
    const audit = lhr.audits[id];
    audits[id] = audit
      ? { score: audit.score, mode: audit.scoreDisplayMode, ...(audit.errorMessage && { error: audit.errorMessage }) }
      : { score: null, mode: 'missing' };
  }
  return {
    lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    imageBytes: images.reduce((sum, image) => sum + image.transferSize, 0),
    images,
    audits,
  };
}

/** One Lighthouse run (the bench's, which tries again when Lighthouse asks to be run again). */
type Lighthouse = (url: string, inspect: (lhr: LighthouseResult) => void) => Promise<unknown>;

async function visit(lighthouse: Lighthouse, url: string): Promise<PhotoVisit> {
  let found: PhotoVisit | undefined;
  await lighthouse(url, (lhr) => (found = visitOf(lhr)));
  return found!;
}

/** Readers of the story page, `lanes` at a time, until `done()`: each answer's time in ms. */
async function readPages(url: string, lanes: number, done: () => boolean) {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (!done()) {
        const begin = performance.now();
        const response = await fetch(url, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${url} answered ${response.status} under load`);
        times.push(performance.now() - begin);
      }
    }),
  );
  return times;
}

export async function measurePhotos(options: {
  quick: boolean;
  distDir: string;
  log: (line: string) => void;
  lighthouse?: Lighthouse;
}): Promise<PhotosResult> {
  const { quick, distDir, log, lighthouse = runLighthouse } = options;
  const scratch = mkdtempSync(join(tmpdir(), 'byline-bench-photos-'));
  const photo = await noiseJpeg(4000, 3000);
  const content = writeContentDir({
    authors: [makeAuthor()],
    stories: {
      harbour: makeStory('harbour', {
        headline: 'The harbour at dawn',
        image: { src: '/images/harbour.jpg', alt: 'Boats in the harbour at dawn' },
        publishedAt: '2026-11-05T09:00:00Z',
      }),
    },
  });
  mkdirSync(join(content, 'images'));
  writeFileSync(join(content, 'images', 'harbour.jpg'), photo);
  // Sources no story uses (so nothing makes them ahead), differing by one byte of a comment: the cold requests.
  const coldCount = quick ? 10 : 50;
  const coldSources = Array.from({ length: Math.ceil(coldCount / 14) }, (_, n) => {
    const bytes = Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 3, n]), photo.subarray(2)]);
    writeFileSync(join(content, 'images', `cold-${n}.jpg`), bytes);
    return { src: `/images/cold-${n}.jpg`, bytes };
  });

  const server = await startServer({
    CONTENT_DIR: content,
    IMAGE_CACHE_DIR: join(scratch, 'variants'),
    // The bench's own copy of the build, as every server it measures uses.
    DIST_DIR: distDir,
  });
  try {
    const pid = servingProcess(server.pid!);
    const pageUrl = `${server.url}/stories/harbour`;
    const story = Story.parse(await (await fetch(`${server.url}/api/stories/harbour`)).json());
    const variants = story.image?.variants;
    if (!variants) throw new Error('the lead photo has no variants: the image service did not describe it');

    // The story as published: its variants made ahead (WebP, then AVIF, at every width) before the first reader.
    const begin = performance.now();
    const avif = variantWidths(variants.width).map(
      (width) => `${server.url}${variantUrl(story.image!.src, variants, width, 'avif')}`,
    );
    for (;;) {
      const answers = await Promise.all(
        avif.map((url) => fetch(url).then(async (answer) => (await answer.arrayBuffer(), answer))),
      );
      if (answers.every((answer) => /immutable/.test(answer.headers.get('cache-control') ?? ''))) break;
      if (performance.now() - begin > 300_000) throw new Error('the AVIF variants were not made within 5 minutes');
      await sleep(500);
    }
    const settledSeconds = (performance.now() - begin) / 1000;
    log(`photos: every variant of the lead photo made ahead in ${settledSeconds.toFixed(1)} s`);

    // Lighthouse: Byline first (the floor takes the lead image Byline's visit chose), then interleaved.
    const runs = quick ? 1 : 3;
    const byline: PhotoVisit[] = [await visit(lighthouse, pageUrl)];
    const lead = byline[0]!.images.find((image) => image.url.includes('harbour.jpg'));
    if (!lead) throw new Error(`Byline's first visit took no lead photo: ${JSON.stringify(byline[0]!.images)}`);
    const leadBytes = Buffer.from(await (await fetch(lead.url)).arrayBuffer());
    const extension = new URL(lead.url).pathname.split('.').at(-1)!;
    const floorDir = join(scratch, 'floor');
    mkdirSync(floorDir);
    symlinkSync(join(distDir, 'assets'), join(floorDir, 'assets'));
    symlinkSync(join(distDir, 'favicon.svg'), join(floorDir, 'favicon.svg'));
    writeFileSync(join(floorDir, `lead.${extension}`), leadBytes);
    const html = await (await fetch(pageUrl)).text();
    const css = [...html.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]!);
    const { variants: _resized, ...image } = story.image!;
    const floorHtml = renderFloorHtml({ ...story, image: { ...image, src: `/lead.${extension}` } }, [], css);
    const floor = await startFloorServer(floorDir, '/stories/harbour', floorHtml);
    const floorVisits: PhotoVisit[] = [];
    try {
      floorVisits.push(await visit(lighthouse, `${floor.url}/stories/harbour`));
      for (let run = 1; run < runs; run++) {
        byline.push(await visit(lighthouse, pageUrl));
        floorVisits.push(await visit(lighthouse, `${floor.url}/stories/harbour`));
      }
    } finally {
      await floor.close();
    }
    log(
      `photos: Byline LCP ${byline.map((run) => run.lcp.toFixed(0)).join(', ')} ms, ${byline[0]!.imageBytes} image bytes; ` +
        `floor ${floorVisits.map((run) => run.lcp.toFixed(0)).join(', ')} ms`,
    );

    // Variants from the disk cache over HTTP, then the story API, 50 connections each.
    const seconds = quick ? 2 : 10;
    const webp = variantWidths(variants.width).map(
      (width) => `${server.url}${variantUrl(story.image!.src, variants, width, 'webp')}`,
    );
    const variantsFromDisk = await loadGet('variants from disk', webp, { connections: 50, seconds });
    const storyApi = await loadGet('story API', `${server.url}/api/stories/harbour`, { connections: 50, seconds });

    // Pages alone, then while the cold variants are made: 4 readers at a time each.
    let stop = false;
    const alone = readPages(pageUrl, 4, () => stop);
    await sleep(seconds * 500);
    stop = true;
    const unloaded = await alone;
    const requests: { src: string; hash: string; width: number; format: VariantFormat }[] = [];
    for (const source of coldSources) {
      const described = await describeImage(source.bytes);
      if (described.kind !== 'raster') throw new Error(described.reason);
      for (const width of variantWidths(described.variants.width))
        for (const format of ['webp', 'jpeg'] as const)
          requests.push({ src: source.src, hash: described.variants.hash, width, format });
    }
    const cold = requests.slice(0, coldCount);
    const rssBefore = memory(pid).rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 25);
    stop = false;
    const beside = readPages(pageUrl, 4, () => stop);
    const coldBegin = performance.now();
    const statuses: Record<number, number> = {};
    await Promise.all(
      cold.map(async (request) => {
        const response = await fetch(`${server.url}${variantUrl(request.src, request, request.width, request.format)}`);
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }),
    );
    const coldSeconds = (performance.now() - coldBegin) / 1000;
    stop = true;
    const loaded = await beside;
    clearInterval(sampler);
    log(
      `photos: ${cold.length} cold variants in ${coldSeconds.toFixed(1)} s, peak RSS +${((peak - rssBefore) / 1e6).toFixed(0)} MB`,
    );

    return {
      originalBytes: photo.length,
      byline,
      floor: floorVisits,
      floorImage: `${lead.url} (${leadBytes.length} bytes)`,
      variantsFromDisk,
      storyApi,
      pages: {
        unloaded: { p99: p99(unloaded), count: unloaded.length },
        loaded: { p99: p99(loaded), count: loaded.length },
      },
      cold: { count: cold.length, seconds: coldSeconds, peakRssGrowth: peak - rssBefore, rssBefore, statuses },
      settledSeconds,
    };
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
    rmSync(content, { recursive: true, force: true });
  }
}

/** Peak memory growth the server may show while 50 cold variants wait: one 12 MP decode at a time is ~150 MB. */
export const COLD_RSS_BOUND = 200 * 1024 * 1024;

type Row = [metric: string, value: string, budget: string, verdict: string];

export function photoRows(photos: PhotosResult): Row[] {
  const yes = (ok: boolean) => (ok ? 'met' : 'missed');
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
  const imageBytes = median(photos.byline.map((run) => run.imageBytes));
  const lcp = median(photos.byline.map((run) => run.lcp));
  const floorLcp = median(photos.floor.map((run) => run.lcp));
  // An audit passes with a full score, or when nothing on the page concerns it; one that errored passes nothing.
  const passes = ({ score, mode }: PhotoVisit['audits'][string]) =>
    score === 1 || (score === null && mode === 'notApplicable');
  const failing = IMAGE_AUDITS.filter((id) => photos.byline.some((run) => !passes(run.audits[id]!)));
  const why = (id: string) => {
    const audit = photos.byline.map((run) => run.audits[id]!).find((found) => !passes(found))!;
    return `${id} (${audit.score ?? audit.mode}${audit.error ? `: ${audit.error}` : ''})`;
  };
  const { unloaded, loaded } = photos.pages;
  return [
    [
      'photo story, first visit (Lighthouse mobile): image bytes against the 12 MP original',
      `${kb(imageBytes)} of ${mb(photos.originalBytes)} (1/${(photos.originalBytes / imageBytes).toFixed(0)})`,
      '≤ 1/10',
      yes(imageBytes * 10 <= photos.originalBytes),
    ],
    [
      'photo story LCP against the static floor with the same image',
      `${lcp.toFixed(0)} ms vs ${floorLcp.toFixed(0)} ms (${(lcp / floorLcp).toFixed(2)}×)`,
      '≤ 1.15×',
      yes(lcp <= 1.15 * floorLcp),
    ],
    [
      `photo story image audits (${IMAGE_AUDITS.join(', ')})`,
      failing.length === 0 ? 'all pass' : `failing: ${failing.map(why).join('; ')}`,
      'all pass',
      yes(failing.length === 0),
    ],
    [
      'variants from the disk cache over HTTP, 50 connections (beside: the story API)',
      `${photos.variantsFromDisk.requestsPerSecond.toFixed(0)}/s, p99 ${photos.variantsFromDisk.latency.p99} ms ` +
        `(story API ${photos.storyApi.requestsPerSecond.toFixed(0)}/s, p99 ${photos.storyApi.latency.p99} ms)`,
      '—',
      '—',
    ],
    [
      `${photos.cold.count} cold variants at once (server process): peak memory growth`,
      // Growth over the RSS the make-ahead and the loads before left (the allocator keeps what it had): the peak too.
      `${mb(photos.cold.peakRssGrowth)} (peak RSS ${mb(photos.cold.rssBefore + photos.cold.peakRssGrowth)}; ` +
        `all made in ${photos.cold.seconds.toFixed(1)} s)`,
      `≤ ${mb(COLD_RSS_BOUND)}`,
      yes(photos.cold.peakRssGrowth <= COLD_RSS_BOUND),
    ],
    [
      'story page p99 while those cold variants are made, against unloaded',
      `${loaded.p99.toFixed(1)} ms vs ${unloaded.p99.toFixed(1)} ms (${(loaded.p99 / unloaded.p99).toFixed(2)}×)`,
      '≤ 2×',
      yes(loaded.p99 <= 2 * unloaded.p99),
    ],
  ];
}
