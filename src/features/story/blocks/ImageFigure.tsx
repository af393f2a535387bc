import type { ImageBlock } from '../../../schema';

type Props = Omit<ImageBlock, 'type'> & { priority?: boolean };

/**
 * Width and height reserve the space before the image arrives, so nothing below it shifts; an image without them
 * gets a fixed 3:2 box from styles.css (img:not([width])).
 */
export function ImageFigure({ src, alt, width, height, caption, credit, priority = false }: Props) {
  return (
    <figure className="story-figure">
      <img
        src={src}
        alt={alt}
        width={width}
        height={height}
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
