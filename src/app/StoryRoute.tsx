import { useParams } from 'react-router';
import { RegionBoundary } from '../lib/RegionBoundary';
import { AuthorCard } from '../features/author';
import { RelatedRail } from '../features/related';
import { StoryView } from '../features/story';
import { NotFoundPage } from './NotFoundPage';

export function StoryRoute() {
  const { slug = '' } = useParams();
  return (
    <div className="story-layout">
      <StoryView
        slug={slug}
        notFound={<NotFoundPage title="Story not found" message="We could not find that story. It may have been withdrawn or the link may be mistyped." />}
      >
        {(story) => (
          <>
            <div className="story-after">
              <RegionBoundary what="the author">
                <AuthorCard author={story.author} />
              </RegionBoundary>
            </div>
            <div className="story-rail">
              <RegionBoundary what="the related stories">
                <RelatedRail stories={story.related} />
              </RegionBoundary>
            </div>
          </>
        )}
      </StoryView>
    </div>
  );
}
