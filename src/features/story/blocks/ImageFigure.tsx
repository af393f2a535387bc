import { ResponsiveImage } from '../../../lib/ResponsiveImage';
import type { ImageBlock } from '../../../schema';

type Props = Omit<ImageBlock, 'type'> & { priority?: boolean };

/**
 * Width and height reserve the space before the image arrives, so nothing below it shifts; an image without them
 * gets a fixed 3:2 box from styles.css (img:not([width])).
 */
export function ImageFigure({ alt, caption, credit, priority = false, ...image }: Props) {
  return (
    <figure className="story-figure">
      <ResponsiveImage image={image} alt={alt} use="story" priority={priority} />
      {(caption || credit) && (
        <figcaption>
          {caption}
          {credit && <span className="credit"> {credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
