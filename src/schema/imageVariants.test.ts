import { describe, expect, it } from 'vitest';
import {
  allowedWidths,
  IMAGE_SIZES,
  parseVariantUrl,
  variantAt,
  variantSrcset,
  variantUrl,
  variantWidths,
  WIDTH_LADDER,
} from './imageVariants';

const variants = { hash: '0a1b2c3d', width: 4000, height: 3000 };

describe('the width ladder', () => {
  it('offers every rung for a source wider than the top one, and stops there', () => {
    expect(variantWidths(4000)).toEqual([...WIDTH_LADDER]);
  });

  it('never upscales: a source between rungs tops out at its own width', () => {
    expect(variantWidths(700)).toEqual([320, 480, 640, 700]);
    expect(variantWidths(640)).toEqual([320, 480, 640]);
    expect(variantWidths(200)).toEqual([200]);
  });

  it('allows the share width, capped at the source', () => {
    expect(allowedWidths(4000).has(1200)).toBe(true);
    expect(allowedWidths(900).has(900)).toBe(true);
    expect(allowedWidths(900).has(1200)).toBe(false);
  });
});

describe('variant addresses', () => {
  it('name the hash, width and format and carry the source encoded', () => {
    const url = variantUrl('/images/a b,c.jpg', variants, 640, 'webp');
    expect(url).toBe('/img/0a1b2c3d/640.webp?src=%2Fimages%2Fa%20b%2Cc.jpg');
    const parsed = new URL(url, 'http://x.invalid');
    expect(parseVariantUrl(parsed.pathname, parsed.searchParams.get('src') ?? undefined)).toEqual({
      hash: '0a1b2c3d',
      width: 640,
      format: 'webp',
      src: '/images/a b,c.jpg',
    });
  });

  it('refuse what the scheme never writes', () => {
    expect(parseVariantUrl('/img/0a1b2c3d/640.png', '/x.jpg')).toBeUndefined();
    expect(parseVariantUrl('/img/0a1b2c3d/4096.webp', '/x.jpg')).toBeUndefined();
    expect(parseVariantUrl('/img/0a1b2c3d/0640.webp', '/x.jpg')).toBeUndefined();
    expect(parseVariantUrl('/img/0A1B2C3D/640.webp', '/x.jpg')).toBeUndefined();
    expect(parseVariantUrl('/img/0a1b2c3d/640.webp', undefined)).toBeUndefined();
  });

  it('write a srcset without commas inside an address', () => {
    const srcset = variantSrcset('/images/a,b.jpg', { ...variants, width: 700, height: 525 }, 'avif');
    const candidates = srcset.split(', ');
    expect(candidates).toHaveLength(4);
    expect(candidates.at(-1)).toBe('/img/0a1b2c3d/700.avif?src=%2Fimages%2Fa%2Cb.jpg 700w');
  });

  it('give the share card 1200 wide with its height in proportion', () => {
    expect(variantAt('/p.jpg', variants, 1200)).toEqual({
      src: '/img/0a1b2c3d/1200.jpeg?src=%2Fp.jpg',
      width: 1200,
      height: 900,
    });
  });
});

describe('sizes', () => {
  it('end, for every use, with a width that holds whatever the screen (a media condition on the last is ignored)', () => {
    for (const sizes of Object.values(IMAGE_SIZES)) {
      const last = sizes.split(',').at(-1)!.trim();
      expect(last).not.toMatch(/^\(/);
      expect(last).toMatch(/^(calc\(100vw - \d+rem\)|\d+(\.\d+)?rem)$/);
    }
  });
});

describe('copies made elsewhere in the srcset', () => {
  const withCopies = {
    hash: '0a1b2c3d',
    width: 2400,
    height: 1600,
    copies: [
      { rung: 800, src: 'https://wp.test/p-768x512.jpg', hash: '11111111', width: 768, format: 'jpeg' as const },
      { rung: 1024, src: 'https://wp.test/p-1024x683.webp', hash: '22222222', width: 1024, format: 'webp' as const },
    ],
  };
  const entries = (format: 'avif' | 'webp' | 'jpeg') => variantSrcset('/p.jpg', withCopies, format).split(', ');

  it('names a JPEG copy in the JPEG srcset only, at its own width and hash', () => {
    expect(entries('jpeg')[3]).toBe(
      `/img/11111111/768.jpeg?src=${encodeURIComponent('https://wp.test/p-768x512.jpg')} 768w`,
    );
    expect(entries('webp')[3]).toBe('/img/0a1b2c3d/800.webp?src=%2Fp.jpg 800w');
    expect(entries('avif')[3]).toBe('/img/0a1b2c3d/800.avif?src=%2Fp.jpg 800w');
  });

  it('names a WebP copy in the WebP and the AVIF srcsets, and keeps the ladder elsewhere', () => {
    const copy = `/img/22222222/1024.webp?src=${encodeURIComponent('https://wp.test/p-1024x683.webp')} 1024w`;
    expect(entries('webp')[4]).toBe(copy);
    expect(entries('avif')[4]).toBe(copy);
    expect(entries('jpeg')[4]).toBe('/img/0a1b2c3d/1024.jpeg?src=%2Fp.jpg 1024w');
    expect(entries('avif')).toHaveLength(8);
    expect(entries('avif')[7]).toBe('/img/0a1b2c3d/2048.avif?src=%2Fp.jpg 2048w');
  });
});
