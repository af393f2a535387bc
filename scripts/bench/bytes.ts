import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { inlineScripts } from '../../server/pages';

/**
 * What the story route loads on a first visit, read off the production build: the JS and CSS that
 * dist/index.html holds or references (inline scripts, entry scripts, modulepreloads, stylesheets), each
 * measured raw, gzipped and brotli-compressed, plus every other JS chunk in dist/assets (dynamic imports) listed
 * apart. `npm run bench` also records which of those a first visit in Chromium actually fetches.
 *
 * 1 KB = 1000 bytes throughout. gzip is level 9 and brotli quality 11, as a CDN or precompressing server
 * would send them (the app's own server compresses on the fly at a lower level, a few per cent larger).
 */

export const root = join(import.meta.dirname, '..', '..');
export const defaultDistDir = join(root, 'dist');

/**
 * Budgets for the story route's first visit, in bytes (gzip). The JS budget is 110 KB since issue 9: the entry
 * loads after the first paint (src/app/boot.ts), so its size no longer delays the story.
 */
export const BYTE_BUDGETS = { jsGzip: 110_000, cssGzip: 12_000 } as const;

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface AssetSize extends Sizes {
  /** Path as the page asks for it, e.g. /assets/index-abc123.js, or a name for code inlined in the page. */
  path: string;
  /** Code inside index.html rather than a file of its own. */
  inline?: true;
}

export interface RouteBytes {
  distDir: string;
  /** JS the page runs on a first visit: its inline script(s), entry script(s) and modulepreloads. */
  js: AssetSize[];
  css: AssetSize[];
  /** Other JS chunks in dist/assets: not in index.html, fetched when code imports them (maybe at once). */
  lazy: AssetSize[];
  totals: { js: Sizes; css: Sizes; lazy: Sizes };
}

export function compressedSizes(content: Buffer): Sizes {
  return {
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }).length,
  };
}

const sum = (assets: Sizes[]): Sizes =>
  assets.reduce(
    (total, asset) => ({
      raw: total.raw + asset.raw,
      gzip: total.gzip + asset.gzip,
      brotli: total.brotli + asset.brotli,
    }),
    {
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );

/** Attribute values of every tag named `tag` in `html` (a small, build-output-only parser: no comments, no scripts). */
function tags(html: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attributes: Record<string, string> = {};
    for (const attribute of match[1]!.matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes[attribute[1]!.toLowerCase()] = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
    }
    found.push(attributes);
  }
  return found;
}

/** The URLs of the JS and CSS that index.html makes the browser load, in document order. */
export function initialAssets(indexHtml: string): { js: string[]; css: string[] } {
  const html = indexHtml.replace(/<!--[\s\S]*?-->/g, '');
  const js = new Set<string>();
  const css = new Set<string>();
  // The boot script inlined in the page requests the entry named in its data-entry attribute, and the chunks the
  // entry imports, named in data-preload.
  for (const script of tags(html, 'script')) {
    for (const src of [script.src, script['data-entry'], ...(script['data-preload']?.split(' ') ?? [])]) {
      if (src) js.add(src);
    }
  }
  for (const link of tags(html, 'link')) {
    const rel = (link.rel ?? '').toLowerCase().split(/\s+/);
    if (!link.href) continue;
    if (rel.includes('modulepreload')) js.add(link.href);
    if (rel.includes('stylesheet')) css.add(link.href);
  }
  return { js: [...js], css: [...css] };
}

function local(distDir: string, url: string): string {
  const path = new URL(url, 'http://byline.invalid/').pathname;
  return join(distDir, decodeURIComponent(path));
}

function measure(distDir: string, path: string): AssetSize {
  const file = local(distDir, path);
  if (!existsSync(file))
    throw new Error(`index.html refers to ${path}, but ${file} does not exist: is the build complete?`);
  return { path, ...compressedSizes(readFileSync(file)) };
}

export function measureRouteBytes(distDir: string = defaultDistDir): RouteBytes {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`No build at ${distDir} (no index.html): run npm run build first`);
  const indexHtml = readFileSync(indexPath, 'utf8');
  const initial = initialAssets(indexHtml);
  if (initial.js.length === 0) throw new Error(`${indexPath} loads no script: is this the app's build?`);
  const inline = inlineScripts(indexHtml).map((code, index): AssetSize => ({
    path: `index.html inline script ${index + 1}`,
    inline: true,
    ...compressedSizes(Buffer.from(code)),
  }));
  const files = initial.js.map((path) => measure(distDir, path));
  const js = [...inline, ...files];
  const css = initial.css.map((path) => measure(distDir, path));
  const initialFiles = new Set(files.map((asset) => local(distDir, asset.path)));
  const assetsDir = join(distDir, 'assets');
  const lazy = (existsSync(assetsDir) ? readdirSync(assetsDir) : [])
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => `/assets/${name}`)
    .filter((path) => !initialFiles.has(local(distDir, path)))
    .map((path) => measure(distDir, path));
  return { distDir, js, css, lazy, totals: { js: sum(js), css: sum(css), lazy: sum(lazy) } };
}

/** Bytes as kilobytes of 1000 bytes, one decimal: 128.3 KB. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export const describeSizes = (sizes: Sizes) =>
  `${kb(sizes.gzip)} gzip, ${kb(sizes.brotli)} brotli, ${kb(sizes.raw)} raw`;

/** A readable report of the route's bytes, one line an asset. */
export function describeRouteBytes(bytes: RouteBytes): string {
  const lines = [
    `Story route, first visit (1 KB = 1000 bytes; gzip -9, brotli q11), from ${bytes.distDir}:`,
    `  JS  ${describeSizes(bytes.totals.js)} (budget ${kb(BYTE_BUDGETS.jsGzip)} gzip)`,
    ...bytes.js.map((asset) => `      ${asset.path}: ${describeSizes(asset)}`),
    `  CSS ${describeSizes(bytes.totals.css)} (budget ${kb(BYTE_BUDGETS.cssGzip)} gzip)`,
    ...bytes.css.map((asset) => `      ${asset.path}: ${describeSizes(asset)}`),
    `  other JS chunks in dist/assets (not in index.html; the page may still import some of them at once):`,
    ...(bytes.lazy.length === 0
      ? ['      none']
      : bytes.lazy.map((asset) => `      ${asset.path}: ${describeSizes(asset)}`)),
  ];
  return lines.join('\n');
}
