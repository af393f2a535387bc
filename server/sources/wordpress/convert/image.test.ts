import { describe, expect, it } from 'vitest';
import { attachmentId, convertImage, fitDimensions, mediaRefNeeded } from './image';
import { elementOf } from '../../../../test/doubles/wordpress/elementOf';

const imageIn = (html: string, options = {}) => {
  const { element, ctx } = elementOf(html, options);
  const img =
    element.name === 'img'
      ? element
      : element.children.flatMap((child) => ('name' in child && child.name === 'img' ? [child] : []))[0];
  return { figure: element, img: img as typeof element, ctx };
};

describe('convertImage', () => {
  it('keeps src, alt, the dimensions in the markup and the caption as text', () => {
    const { figure, img, ctx } = imageIn(
      '<figure class="wp-caption"><img class="wp-image-70" src="https://demo.example/g.jpg" alt="Gullfoss" width="840" height="473"><figcaption>Gullfoss, <em>an icon</em>.</figcaption></figure>',
    );
    expect(convertImage(img, figure, ctx)).toEqual([
      {
        type: 'image',
        src: 'https://demo.example/g.jpg',
        alt: 'Gullfoss',
        width: 840,
        height: 473,
        caption: 'Gullfoss, an icon.',
      },
    ]);
    expect(ctx.notes).toEqual([]);
  });

  it('takes dimensions from the media record when the markup has none', () => {
    const seen: unknown[] = [];
    const { figure, img, ctx } = imageIn(
      '<figure class="wp-block-image"><img class="wp-image-62" src="/up/i.jpg" alt=""></figure>',
      {
        mediaSize: (ref: unknown) => (seen.push(ref), { width: 5000, height: 3025 }),
      },
    );
    expect(convertImage(img, figure, ctx)).toEqual([
      { type: 'image', src: '/up/i.jpg', alt: '', width: 5000, height: 3025 },
    ]);
    expect(seen).toEqual([{ id: 62, src: '/up/i.jpg' }]);
  });

  it('leaves the dimensions out, with a note, when nobody knows them', () => {
    const { figure, img, ctx } = imageIn(
      '<figure class="wp-block-image"><img src="https://images.example.org/a.jpg" alt="Dock" width="100%"></figure>',
    );
    const [block] = convertImage(img, figure, ctx);
    expect(block).toEqual({ type: 'image', src: 'https://images.example.org/a.jpg', alt: 'Dock' });
    expect(ctx.notes).toEqual(['image without width and height']);
  });

  it('prefers a lazy-loader data-src over its placeholder', () => {
    const { img, ctx } = imageIn(
      '<img src="data:image/gif;base64,R0lGOD" data-src="https://x.example/real.jpg" width="2" height="1">',
    );
    expect(convertImage(img, undefined, ctx)).toEqual([
      { type: 'image', src: 'https://x.example/real.jpg', alt: '', width: 2, height: 1 },
    ]);
  });

  it('refuses a data: or javascript: source, keeping the caption as text', () => {
    const { figure, img, ctx } = imageIn(
      '<figure><img src="data:image/svg+xml,<svg onload=alert(1)>"><figcaption>Map</figcaption></figure>',
    );
    expect(convertImage(img, figure, ctx)).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'Map' }] }]);
    expect(ctx.notes).toEqual(['removed data: image']);
  });
});

describe('relative image addresses', () => {
  it('resolves a relative file against the post, and refuses a bare word (the x of src=x onerror=…)', () => {
    const file = imageIn('<img src="../uploads/a.jpg" width="2" height="1">', {
      baseUrl: 'https://news.example/2026/post/',
    });
    expect(convertImage(file.img, undefined, file.ctx)).toEqual([
      { type: 'image', src: 'https://news.example/2026/uploads/a.jpg', alt: '', width: 2, height: 1 },
    ]);
    const word = imageIn('<img src=x onerror="alert(3)">', { baseUrl: 'https://news.example/2026/post/' });
    expect(convertImage(word.img, undefined, word.ctx)).toEqual([]);
    expect(word.ctx.notes).toEqual(['removed image with unusable address']);
  });
});

describe('image helpers', () => {
  it('scales sizes over 10000 px down, keeping the ratio', () => {
    expect(fitDimensions({ width: 20000, height: 5000 })).toEqual({ width: 10000, height: 2500 });
    expect(fitDimensions({ width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
  });
  it('finds the attachment id in the class or data attribute', () => {
    expect(attachmentId(elementOf('<img class="size-large wp-image-118">').element)).toBe(118);
    expect(attachmentId(elementOf('<img data-attachment-id="62">').element)).toBe(62);
    expect(attachmentId(elementOf('<img class="wp-image-x">').element)).toBeUndefined();
  });
  it('asks for a media record only when the markup lacks a dimension', () => {
    expect(mediaRefNeeded(elementOf('<img src="/a.jpg" width="1" height="1">').element)).toBeUndefined();
    expect(mediaRefNeeded(elementOf('<img class="wp-image-5" src="/a.jpg" width="1">').element)).toEqual({
      id: 5,
      src: '/a.jpg',
    });
  });
});
