import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { RegionBoundary } from '../lib/RegionBoundary';
import { AuthorCard } from '../features/author';
import { CommentsRegion } from '../features/comments';
import { LiveCoverage, pageParam, useLiveJsonLd } from '../features/live';
import { RelatedRail } from '../features/related';
import { SaveButton } from '../features/saved';
import { storyQueries, StoryView } from '../features/story';
import { NotFoundPage } from './NotFoundPage';

export function StoryRoute() {
  const { slug = '' } = useParams();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const page = pageParam(search.get('page'));
  const liveJsonLd = useLiveJsonLd(slug, page);
  // Stable, so re-renders here never reach the comments while they wait, server-rendered, for their code.
  const refreshCounts = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: storyQueries.detail(slug).queryKey }),
    [queryClient, slug],
  );
  return (
    <div className="story-layout">
      <StoryView
        slug={slug}
        tools={(story) => <SaveButton story={story} />}
        jsonLd={liveJsonLd}
        notFound={
          <NotFoundPage
            title="Story not found"
            message="We could not find that story. It may have been withdrawn or the link may be mistyped."
          />
        }
      >
        {(story) => (
          <>
            <div className="story-after">
              {story.live ? (
                <RegionBoundary what="the live updates">
                  <LiveCoverage slug={story.slug} page={page} />
                </RegionBoundary>
              ) : null}
              <RegionBoundary what="the author">
                <AuthorCard author={story.author} />
              </RegionBoundary>
              <RegionBoundary what="the comments">
                <CommentsRegion
                  key={story.slug}
                  slug={story.slug}
                  initialCount={story.commentCount}
                  watchForNew={story.live?.status !== 'live'}
                  onApprovedComment={refreshCounts}
                />
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
