import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { variantSrcset, type ImageVariants } from '../../src/schema';
import { noiseJpeg } from '../../test/helpers/photos';
import { root } from './bytes';
import { runLighthouse } from './lighthouse';
import { stopWordPress, wordpressUnavailable } from './wordpress';

/**
 * The same photo story twice, side by side in Lighthouse's mobile emulation: on the real WordPress (the harness,
 * its own theme writing its own srcset of the sizes it cut) and on Byline, which imported it (its ladder, with
 * WordPress's sizes where they fit). The photo is a 12-megapixel camera JPEG made here (noise: the encoders'
 * worst case). Run it under the WordPress lock: flock /tmp/byline-wordpress.lock npm run bench -- --only=images
 */

const run = promisify(execFile);
const WORDPRESS_URL = 'http://127.0.0.1:8080';
/** The bench's generated posts share this prefix (scripts/bench/wordpress.ts removes them). */
const SLUG = 'bench-wp-photo';
const ALT = 'A wide view of the harbour mouth at low tide';

type Row = [metric: string, value: string, budget: string, verdict: string];

export interface PhotosWordPressResult {
  originalBytes: number;
  /** Lighthouse's image transfer and LCP, for WordPress's own page and for Byline's. */
  wordpress?: { imageBytes: number; lcp: number; url: string };
  byline?: { imageBytes: number; lcp: number; url: string };
  /** WordPress's sizes Byline's srcset names in place of a rung. */
  copies: number;
  skipped?: string;
}

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measurePhotosWordPress(
  quick: boolean,
  distDir: string,
  log: (line: string) => void,
): Promise<PhotosWordPressResult> {
  if (quick) {
    const skipped = 'skipped in --quick: a 12 MP upload to WordPress and two Lighthouse runs take minutes';
    log(`photos from WordPress: ${skipped}`);
    return { originalBytes: 0, copies: 0, skipped };
  }
  const unavailable = wordpressUnavailable();
  if (unavailable) {
    log(`photos from WordPress: not measured: ${unavailable}`);
    return { originalBytes: 0, copies: 0, skipped: unavailable };
  }
  const dir = mkdtempSync(join(tmpdir(), 'byline-bench-wp-photo-'));
  const photo = await noiseJpeg(4000, 3000);
  writeFileSync(join(dir, 'photo.jpg'), photo);
  const paragraphs = Array.from(
    { length: 6 },
    (_, n) =>
      `<!-- wp:paragraph -->\n<p>${`Paragraph ${n + 1} about the harbour mouth at low tide. `.repeat(10)}</p>\n<!-- /wp:paragraph -->`,
  );
  writeFileSync(
    join(dir, 'site.json'),
    JSON.stringify({
      title: 'The Kettle Bay Gazette',
      authors: [{ login: 'bench-ines', name: 'Inés Marlow', bio: 'Covers the harbour.', url: '' }],
      posts: [
        {
          slug: SLUG,
          title: 'The harbour mouth at low tide',
          author: 'bench-ines',
          date: '2026-11-30T08:00:00Z',
          categories: ['Harbour'],
          featuredImage: { file: 'photo.jpg', alt: ALT },
          content: paragraphs.join('\n\n'),
        },
      ],
    }),
  );
  log('photos from WordPress: loading the 12 MP photo post with start.sh');
  await run('bash', [join(root, 'test', 'wordpress', 'start.sh'), join(dir, 'site.json')], {
    timeout: 900_000,
    maxBuffer: 1 << 26,
  });
  const port = await freePort();
  const byline = `http://127.0.0.1:${port}`;
  let output = '';
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DB_PATH: join(dir, 'byline.db'),
      CONTENT_DIR: join(dir, 'content'),
      IMAGE_CACHE_DIR: join(dir, 'variants'),
      DIST_DIR: distDir,
      WORDPRESS_URL,
      WORDPRESS_MEDIA_INTERNAL: '1',
      WORDPRESS_SYNC_SECONDS: '3600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  mkdirSync(join(dir, 'content'), { recursive: true });
  try {
    let image: { src: string; variants?: ImageVariants } | undefined;
    for (const deadline = Date.now() + 300_000; !image?.variants; await pause(500)) {
      if (Date.now() > deadline)
        throw new Error(`the photo post did not arrive with variants:\n${output.slice(-3000)}`);
      const answer = await fetch(`${byline}/api/stories/${SLUG}`).catch(() => undefined);
      if (answer?.ok) image = ((await answer.json()) as { image?: typeof image }).image;
    }
    const { src, variants } = image;
    // A first reader after the make-ahead: every AVIF made (until then its address answers with WebP).
    const avifs = variantSrcset(src, variants, 'avif')
      .split(', ')
      .map((entry) => `${byline}${entry.split(' ')[0]}`);
    for (const deadline = Date.now() + 600_000; ; await pause(2000)) {
      const kept = await Promise.all(
        avifs.map(async (url) => (await fetch(url)).headers.get('cache-control')?.includes('immutable') ?? false),
      );
      if (kept.every(Boolean)) break;
      if (Date.now() > deadline) throw new Error('the AVIF variants were not all made within 10 minutes');
    }
    log('photos from WordPress: Lighthouse on WordPress, then on Byline');
    const onWordPress = await runLighthouse(`${WORDPRESS_URL}/${SLUG}/`);
    const onByline = await runLighthouse(`${byline}/stories/${SLUG}`);
    return {
      originalBytes: photo.length,
      copies: variants.copies?.length ?? 0,
      wordpress: { imageBytes: onWordPress.imageBytes, lcp: onWordPress.lcp, url: onWordPress.url },
      byline: { imageBytes: onByline.imageBytes, lcp: onByline.lcp, url: onByline.url },
    };
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    // The bench leaves no Apache or MariaDB running, as its WordPress sync rows do.
    await stopWordPress().catch((error: unknown) => log(`photos from WordPress: stop.sh failed: ${String(error)}`));
  }
}

/** The side-by-side rows: bytes of images and LCP, each page in Lighthouse's mobile emulation. */
export function photosWordPressRows(result: PhotosWordPressResult): Row[] {
  if (result.skipped || !result.wordpress || !result.byline)
    return [['12 MP photo story, WordPress beside Byline', `not measured: ${result.skipped ?? 'failed'}`, '—', '—']];
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
  const tenth = result.originalBytes / 10;
  const line = (who: string, page: { imageBytes: number; lcp: number }, budget: string, verdict: string): Row => [
    `12 MP photo story on ${who}: image bytes, LCP (Lighthouse mobile)`,
    `${kb(page.imageBytes)} of a ${kb(result.originalBytes)} original, LCP ${(page.lcp / 1000).toFixed(2)} s`,
    budget,
    verdict,
  ];
  return [
    line('WordPress 6.1 (its own srcset)', result.wordpress, '—', '—'),
    line(
      `Byline (imported; ${result.copies} WordPress sizes in its srcset)`,
      result.byline,
      `≤ ${kb(tenth)}, LCP ≤ WordPress's`,
      result.byline.imageBytes <= tenth && result.byline.lcp <= result.wordpress.lcp ? 'met' : 'missed',
    ),
  ];
}
