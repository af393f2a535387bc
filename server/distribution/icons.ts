import type { Site } from '../../src/schema/site';
import { encodeIco, encodePng } from './png';
import { escapeXml } from '../http';

/**
 * The site's icon, drawn from code in its theme colours: a square of the theme colour with three lines of
 * "text" in the background colour, a thick headline over two thinner lines. No letters, so it never names
 * anything site.json does not. Coordinates are fractions of the side, shared by the SVG and the PNGs.
 */
const BARS = [
  { x: 0.2, y: 0.24, w: 0.6, h: 0.14 },
  { x: 0.2, y: 0.48, w: 0.6, h: 0.08 },
  { x: 0.2, y: 0.66, w: 0.42, h: 0.08 },
];

export function iconSvg(site: Pick<Site, 'themeColor' | 'backgroundColor'>): string {
  const bars = BARS.map(
    (bar) =>
      `<rect x="${bar.x * 100}" y="${bar.y * 100}" width="${bar.w * 100}" height="${bar.h * 100}" rx="2" fill="${escapeXml(site.backgroundColor)}"/>`,
  ).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">` +
    `<rect width="100" height="100" rx="12" fill="${escapeXml(site.themeColor)}"/>${bars}</svg>\n`
  );
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/**
 * The same icon as a PNG, `size` pixels square, full-bleed (home screens round the corners themselves).
 * Each pixel is sampled 4 × 4 times, so the bars' edges are smooth.
 */
export function iconPng(site: Pick<Site, 'themeColor' | 'backgroundColor'>, size: number): Buffer {
  const background = rgb(site.themeColor);
  const ink = rgb(site.backgroundColor);
  const inBar = (u: number, v: number) => BARS.some((bar) => u >= bar.x && u < bar.x + bar.w && v >= bar.y && v < bar.y + bar.h);
  return encodePng(size, (x, y) => {
    let covered = 0;
    for (let sy = 0; sy < 4; sy++) {
      for (let sx = 0; sx < 4; sx++) if (inBar((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size)) covered++;
    }
    const t = covered / 16;
    const mix = (i: number) => Math.round(background[i]! * (1 - t) + ink[i]! * t);
    return [mix(0), mix(1), mix(2), 255] as const;
  });
}

export const faviconIco = (site: Pick<Site, 'themeColor' | 'backgroundColor'>) =>
  encodeIco([16, 32, 48].map((size) => ({ size, png: iconPng(site, size) })));

/** The site's icons as the routes serve them: drawn here from the colours, or made from site.json's icon. */
export interface Icons {
  svg: () => Promise<string>;
  png: (size: number) => Promise<Buffer>;
  ico: () => Promise<Buffer>;
}

export const drawnIcons = (site: Pick<Site, 'themeColor' | 'backgroundColor'>): Icons => ({
  svg: async () => iconSvg(site),
  png: async (size) => iconPng(site, size),
  ico: async () => faviconIco(site),
});
