import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ResponsiveImage } from './ResponsiveImage';

const photo = { src: '/images/harbour.jpg', variants: { hash: '0a1b2c3d', width: 1000, height: 750 } };

describe('ResponsiveImage', () => {
  it('offers AVIF, then WebP, then JPEG at every width the source allows, with the use’s sizes', () => {
    const { container } = render(<ResponsiveImage image={photo} alt="The harbour" use="story" />);
    const sources = [...container.querySelectorAll('picture > source')];
    expect(sources.map((source) => source.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    const img = container.querySelector('picture > img')!;
    for (const [element, format] of [
      ...sources.map((source, index) => [source, ['avif', 'webp'][index]] as const),
      [img, 'jpeg'] as const,
    ]) {
      expect(element.getAttribute('sizes')).toBe('(min-width: 42rem) 40rem, calc(100vw - 2rem)');
      expect(
        element
          .getAttribute('srcset')!
          .split(', ')
          .map((candidate) => candidate.split(' ')[1]),
      ).toEqual(['320w', '480w', '640w', '800w', '1000w']);
      expect(element.getAttribute('srcset')).toContain(`/img/0a1b2c3d/320.${format}?src=%2Fimages%2Fharbour.jpg 320w`);
    }
    expect(img).toHaveAttribute('src', '/img/0a1b2c3d/800.jpeg?src=%2Fimages%2Fharbour.jpg');
    expect(img).toHaveAttribute('width', '1000');
    expect(img).toHaveAttribute('height', '750');
    expect(img).toHaveAttribute('alt', 'The harbour');
    expect(img).toHaveAttribute('loading', 'lazy');
    expect(img).not.toHaveAttribute('fetchpriority');
  });

  it('paints its box in the photo’s tone while it loads: one class per channel, rounded to 16 levels', () => {
    const toned = { ...photo, variants: { ...photo.variants, tone: '#1d4f91' } };
    const { container } = render(<ResponsiveImage image={toned} alt="" use="card" className="story-card-image" />);
    // 0x1d/17 ≈ 1.7 → 2, 0x4f/17 ≈ 4.6 → 5, 0x91/17 ≈ 8.5 → 9 (rounded half up).
    expect(container.querySelector('img')).toHaveAttribute('class', 'story-card-image tone tone-r2 tone-g5 tone-b9');
    const plain = render(<ResponsiveImage image={photo} alt="" use="story" />);
    expect(plain.container.querySelector('img')).not.toHaveAttribute('class');
  });

  it('fetches the largest paint first and never lazily', () => {
    const { container } = render(<ResponsiveImage image={photo} alt="" use="story" priority />);
    const img = container.querySelector('img')!;
    expect(img).toHaveAttribute('fetchpriority', 'high');
    expect(img).toHaveAttribute('loading', 'eager');
  });

  it('keeps the content’s own width and height, or a fixed box, over the source’s', () => {
    const sized = render(<ResponsiveImage image={{ ...photo, width: 400, height: 200 }} alt="" use="card" />);
    expect(sized.container.querySelector('img')).toHaveAttribute('width', '400');
    const avatar = render(<ResponsiveImage image={photo} alt="" use="avatar" box={{ width: 96, height: 96 }} />);
    expect(avatar.container.querySelector('img')).toHaveAttribute('height', '96');
    expect(avatar.container.querySelector('source')).toHaveAttribute('sizes', '4.5rem');
  });

  it('is the plain image it always was when the server cannot resize the source (SVG, a missing file)', () => {
    const { container } = render(<ResponsiveImage image={{ src: '/images/map.svg' }} alt="A map" use="story" />);
    expect(container.querySelector('picture')).toBeNull();
    const img = container.querySelector('img')!;
    expect(img).toHaveAttribute('src', '/images/map.svg');
    expect(img).not.toHaveAttribute('srcset');
  });
});
