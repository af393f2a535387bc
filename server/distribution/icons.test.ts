import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { xmllintCheck } from '../../test/helpers/xmlCheck';
import { faviconIco, iconPng, iconSvg } from './icons';

const colours = { themeColor: '#102030', backgroundColor: '#f0e0d0' };

/** Reads a PNG's chunks, checking each CRC with node:zlib's own crc32 (not the encoder's). */
function chunks(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const found: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    found.push({ type, data });
    at += 12 + length;
  }
  return found;
}

describe('icons', () => {
  it.each([192, 512])('draws a valid %i px PNG in the theme colours', (size) => {
    const parts = chunks(iconPng(colours, size));
    expect(parts.map((part) => part.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = parts[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([size, size, 8, 6]);
    const pixels = inflateSync(parts[1]!.data);
    expect(pixels.length).toBe(size * (1 + size * 4));
    const at = (x: number, y: number) => [...pixels.subarray(y * (1 + size * 4) + 1 + x * 4, y * (1 + size * 4) + 5 + x * 4)];
    expect(at(0, 0)).toEqual([0x10, 0x20, 0x30, 255]);
    // The middle of the headline bar is the background colour.
    expect(at(Math.floor(size / 2), Math.floor(size * 0.31))).toEqual([0xf0, 0xe0, 0xd0, 255]);
  });

  it('writes an SVG that is well-formed XML with both colours', async () => {
    const svg = iconSvg(colours);
    await xmllintCheck(svg);
    expect(svg).toContain('fill="#102030"');
    expect(svg).toContain('fill="#f0e0d0"');
  });

  it('packs PNGs in a favicon.ico whose directory points at each', () => {
    const ico = faviconIco(colours);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
    for (let i = 0; i < 3; i++) {
      const entry = 6 + i * 16;
      const size = ico[entry]!;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const png = ico.subarray(offset, offset + length);
      expect(chunks(png)[0]!.data.readUInt32BE(0)).toBe(size);
    }
  });
});
