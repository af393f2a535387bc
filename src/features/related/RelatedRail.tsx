import { CommentCount, StoryLink } from '../story';
import type { StorySummary } from '../../schema';

export function RelatedRail({ stories }: { stories: StorySummary[] }) {
  if (stories.length === 0) return null;
  return (
    <nav className="related-rail" aria-label="Related stories">
      <h2>You may also like</h2>
      <ul>
        {stories.map((story) => (
          <li key={story.slug} className="related-item">
            <h3 className="related-headline">
              <StoryLink slug={story.slug}>{story.headline}</StoryLink>
            </h3>
            <p className="related-excerpt">
              {story.leadIn && <strong className="lead-in">{story.leadIn} </strong>}
              {story.excerpt}
            </p>
            <p className="related-meta">
              <CommentCount count={story.commentCount} />
            </p>
          </li>
        ))}
      </ul>
    </nav>
  );
}
