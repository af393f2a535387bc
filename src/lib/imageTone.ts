/**
 * The classes that paint an image's box in its tone while the image loads (src/app/imageTones.css). The CSP
 * refuses inline styles, so the colour is spelt in classes: one per channel, each rounded to one of 16 levels
 * (4,096 colours from 48 rules), which is as close as a placeholder needs to be.
 */
export function toneClasses(tone: string | undefined): string | undefined {
  if (!tone || !/^#[0-9a-f]{6}$/.test(tone)) return undefined;
  const [r, g, b] = [1, 3, 5].map((at) => Math.round(parseInt(tone.slice(at, at + 2), 16) / 17).toString(16));
  return `tone tone-r${r} tone-g${g} tone-b${b}`;
}
