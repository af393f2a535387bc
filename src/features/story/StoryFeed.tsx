import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { LoadError } from '../../lib/LoadError';
import { LoadMore } from '../../lib/LoadMore';
import type { StorySummary } from '../../schema';
import { StoryCard } from './StoryCard';

type Feed = UseInfiniteQueryResult<InfiniteData<{ stories: StorySummary[]; nextCursor: string | null }>>;

/** A paged list of story cards with its loading, failure and "More stories" states. */
export function StoryFeed({ feed, what, headingLevel }: { feed: Feed; what: string; headingLevel?: 2 | 3 }) {
  const stories = feed.data?.pages.flatMap((page) => page.stories) ?? [];
  return (
    <>
      {feed.isPending && (
        <div className="story-list" role="status" aria-busy="true" aria-label="Loading stories">
          {Array.from({ length: 4 }, (_, index) => (
            <div key={index} className="story-card skeleton" />
          ))}
        </div>
      )}
      {feed.isError && feed.data === undefined && (
        <LoadError what={what} error={feed.error} onRetry={() => void feed.refetch()} />
      )}
      {stories.length > 0 && (
        <div className="story-list">
          {stories.map((story, index) => (
            // The first card is above the fold: its image loads with the page, not lazily.
            <StoryCard key={story.slug} story={story} headingLevel={headingLevel} eager={index === 0} />
          ))}
        </div>
      )}
      <LoadMore
        query={feed}
        what="more stories"
        label="More stories"
        loadingLabel="Loading more stories…"
        className="button more-button"
        anchor="main"
      />
    </>
  );
}
