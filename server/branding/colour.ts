/** Colours as `#rrggbb`, the only form site.json accepts; everything here reads and writes that form alone. */
export type Rgb = readonly [number, number, number];

const HEX = /^#[0-9a-f]{6}$/i;

export function parseHex(hex: string): Rgb {
  if (!HEX.test(hex)) throw new Error(`not a #rrggbb colour: ${JSON.stringify(hex)}`);
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}

export const toHex = (rgb: Rgb) =>
  `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** WCAG 2 relative luminance: each sRGB channel made linear, weighted by how bright the eye sees it. */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 (none) to 21 (black on white), whichever colour is the lighter. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `amount` (0 to 1) of `top` laid over `base`, as paint mixes: by channel. */
export const mix = (base: string, top: string, amount: number) => {
  const [from, to] = [parseHex(base), parseHex(top)];
  return toHex(from.map((c, i) => c + (to[i]! - c) * amount) as unknown as Rgb);
};

/** The colour with its HSL lightness set to `lightness` (0 to 1), hue and saturation kept. */
export function withLightness(hex: string, lightness: number): string {
  const [r, g, b] = parseHex(hex).map((c) => c / 255) as unknown as Rgb;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  const h = d === 0 ? 0 : max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  const L = Math.min(1, Math.max(0, lightness));
  const chroma = (1 - Math.abs(2 * L - 1)) * s;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const [r1, g1, b1] = [
    [chroma, x, 0],
    [x, chroma, 0],
    [0, chroma, x],
    [0, x, chroma],
    [x, 0, chroma],
    [chroma, 0, x],
  ][Math.floor(h) % 6]!;
  const m = L - chroma / 2;
  return toHex([(r1! + m) * 255, (g1! + m) * 255, (b1! + m) * 255]);
}

/** The HSL lightness of a colour, 0 to 1. */
export function lightnessOf(hex: string): number {
  const channels = parseHex(hex).map((c) => c / 255);
  return (Math.max(...channels) + Math.min(...channels)) / 2;
}
