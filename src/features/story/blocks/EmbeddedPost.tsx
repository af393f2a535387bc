import { useState } from 'react';
import { ResponsiveImage } from '../../../lib/ResponsiveImage';
import type { Block } from '../../../schema';

type Props = Omit<Extract<Block, { type: 'embed' }>, 'type'>;

/**
 * A post from another service, shown as our own quote card: no third-party script runs. The text and a link
 * to the original are always there, so media that fails to load never leaves a hole in the story.
 */
export function EmbeddedPost({ provider, url, author, text, media }: Props) {
  const [mediaFailed, setMediaFailed] = useState(false);
  return (
    <figure className="embed">
      <blockquote cite={url} className="embed-text">
        {text.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </blockquote>
      {media && !mediaFailed && (
        <ResponsiveImage
          image={media}
          alt={media.alt}
          use="embed"
          className="embed-media"
          onError={() => setMediaFailed(true)}
          // A server-rendered image can fail before the app hydrates and listens: check once it is attached.
          ref={(image) => {
            if (image?.complete && image.naturalWidth === 0) setMediaFailed(true);
          }}
        />
      )}
      <figcaption>
        {author} on {provider} · <a href={url}>View the original post on {provider}</a>
        {media && mediaFailed && <span className="embed-note"> (its media could not be loaded here)</span>}
      </figcaption>
    </figure>
  );
}
