import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { xmllintCheck } from '../../test/helpers/xmlCheck';
import { loadSiteIcons, sourceIcons } from './sourceIcons';
import { scratchDir } from '../../test/helpers/scratch';

const dir = scratchDir('icon');

/** The colour sharp reads at (x, y) of a PNG, and the PNG's size. */
async function pixel(png: Buffer, x: number, y: number) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return { size: [info.width, info.height], rgb: [...data.subarray(at, at + 3)] };
}

describe('sourceIcons', () => {
  it('crops a wide picture to its middle square and serves it at every size', async () => {
    // 300 × 100: a red band, a green middle square, a blue band. Only the green square is kept.
    const wide = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#00a000' } })
      .composite([
        { input: { create: { width: 100, height: 100, channels: 3, background: '#d00000' } }, left: 0, top: 0 },
        { input: { create: { width: 100, height: 100, channels: 3, background: '#0000d0' } }, left: 200, top: 0 },
      ])
      .png()
      .toBuffer();
    writeFileSync(join(dir, 'wide.png'), wide);
    const icons = await sourceIcons(join(dir, 'wide.png'), 'wide.png');
    for (const size of [192, 512, 144]) {
      const png = await icons.png(size);
      // Both sides are the green square's (scaling blurs the very edge a little, but never shows red or blue).
      for (const x of [Math.floor(size * 0.1), Math.ceil(size * 0.9)]) {
        const { size: measured, rgb } = await pixel(png, x, Math.floor(size / 2));
        expect(measured).toEqual([size, size]);
        rgb.forEach((channel, i) => expect(Math.abs(channel - [0, 0xa0, 0][i]!), `${size} px, x ${x}`).toBeLessThan(8));
      }
    }
  });

  it('packs 16, 32 and 48 px PNGs into favicon.ico', async () => {
    const icons = await sourceIcons(join(dir, 'wide.png'), 'wide.png');
    const ico = await icons.ico();
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 3]);
    const sizes = [];
    for (let i = 0; i < 3; i++) {
      const entry = 6 + i * 16;
      const png = ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      );
      sizes.push((await pixel(png, 0, 0)).size[0]);
    }
    expect(sizes).toEqual([16, 32, 48]);
  });

  it('draws an SVG source sharply at the largest size, and wraps a PNG of it as the SVG icon', async () => {
    writeFileSync(
      join(dir, 'mark.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">' +
        '<rect width="10" height="10" fill="#ffffff"/><rect x="5" width="5" height="10" fill="#123456"/></svg>',
    );
    const icons = await sourceIcons(join(dir, 'mark.svg'), 'mark.svg');
    const png = await icons.png(512);
    // The edge between the halves is crisp: drawn at 512 px, not a 10 px picture scaled up.
    expect((await pixel(png, 250, 100)).rgb).toEqual([255, 255, 255]);
    expect((await pixel(png, 262, 100)).rgb).toEqual([0x12, 0x34, 0x56]);
    const svg = await icons.svg();
    await xmllintCheck(svg);
    const embedded = /href="data:image\/png;base64,([^"]+)"/.exec(svg)?.[1];
    expect((await pixel(Buffer.from(embedded!, 'base64'), 150, 10)).rgb).toEqual([0x12, 0x34, 0x56]);
    expect(svg).not.toContain('<rect');
  });

  it('refuses a file that is not an image, naming it', async () => {
    writeFileSync(join(dir, 'notes.png'), 'these are my notes, not a picture');
    await expect(sourceIcons(join(dir, 'notes.png'), 'brand/notes.png')).rejects.toThrow(
      /^brand\/notes\.png is not an image that can be read \(/,
    );
  });

  it("reports a site.json icon that cannot be read as a fault of site.json's icon field", async () => {
    mkdirSync(join(dir, 'brand'), { recursive: true });
    writeFileSync(join(dir, 'brand', 'notes.png'), 'not a picture');
    const { icons, faults } = await loadSiteIcons({ icon: 'brand/notes.png' }, dir, dir);
    expect(icons).toBeUndefined();
    expect(faults).toEqual([
      {
        file: 'site.json',
        path: 'icon',
        message: expect.stringMatching(/^brand\/notes\.png is not an image that can be read/),
      },
    ]);
    expect(await loadSiteIcons({}, dir)).toEqual({ faults: [] });
    expect((await loadSiteIcons({ icon: 'wide.png' }, dir)).icons).toBeDefined();
  });
});
