import { imageBox } from '../../../lib/imageBox';
import type { ImageBlock } from '../../../schema';

type Props = Omit<ImageBlock, 'type'> & { priority?: boolean };

/** Width and height (or the unsized box) reserve the space before the image arrives, so nothing below it shifts. */
export function ImageFigure({ src, alt, width, height, caption, credit, priority = false }: Props) {
  return (
    <figure className="story-figure">
      <img
        src={src}
        alt={alt}
        {...imageBox({ width, height })}
        loading={priority ? 'eager' : 'lazy'}
        decoding="async"
        fetchPriority={priority ? 'high' : undefined}
      />
      {(caption || credit) && (
        <figcaption>
          {caption}
          {credit && <span className="credit"> {credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
