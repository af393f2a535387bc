import type { ReactNode } from 'react';
import { ResponsiveImage } from '../../lib/ResponsiveImage';
import type { StorySummary } from '../../schema';
import { CommentCount } from './CommentCount';
import { StoryDate } from './StoryDate';
import { StoryLink } from './StoryLink';

type CardStory = Omit<StorySummary, 'commentCount' | 'readingMinutes'> & { commentCount?: number };

interface Props {
  story: CardStory;
  headingLevel?: 2 | 3;
  /** More facts for the meta line (when it was saved, say). */
  meta?: ReactNode;
  /** Actions under the card (Remove, say). */
  children?: ReactNode;
  /** Above the fold: the image loads at once instead of lazily. */
  eager?: boolean;
}

/** A story in a list: front page, author page, section page, saved stories. */
export function StoryCard({ story, headingLevel = 2, meta, children, eager = false }: Props) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="story-card">
      {story.image && (
        <ResponsiveImage image={story.image} alt="" use="card" className="story-card-image" eager={eager} />
      )}
      <div className="story-card-text">
        <p className="section-label">{story.section}</p>
        <Heading className="story-card-headline">
          <StoryLink slug={story.slug}>{story.headline}</StoryLink>
        </Heading>
        <p className="story-card-excerpt">
          {story.leadIn && <strong className="lead-in">{story.leadIn} </strong>}
          {story.excerpt}
        </p>
        <p className="story-card-meta">
          {story.author.name}
          <span aria-hidden="true"> · </span>
          <StoryDate iso={story.publishedAt} />
          {story.commentCount !== undefined && (
            <>
              <span aria-hidden="true"> · </span>
              <CommentCount count={story.commentCount} />
            </>
          )}
          {meta}
        </p>
        {children}
      </div>
    </article>
  );
}
