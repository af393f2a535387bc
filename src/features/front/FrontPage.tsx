import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadError } from '../../lib/LoadError';
import { PageMeta, SITE_NAME } from '../../lib/PageMeta';
import { PageHeading } from '../../lib/PageHeading';
import { SectionNav } from '../sections';
import { StoryCard } from '../story';
import { frontQueries } from './queries';

export function FrontPage() {
  const feed = useInfiniteQuery(frontQueries.feed());
  const stories = feed.data?.pages.flatMap((page) => page.stories) ?? [];
  return (
    <>
      <PageMeta
        title={`${SITE_NAME} — latest stories`}
        description="Local, science, culture and climate stories from Port Alder: fast, readable and free of clutter."
        path="/"
      />
      <PageHeading className="page-title">Latest stories</PageHeading>
      <SectionNav />
      {feed.isPending && (
        <div className="story-list" role="status" aria-busy="true" aria-label="Loading stories">
          {Array.from({ length: 4 }, (_, index) => (
            <div key={index} className="story-card skeleton" />
          ))}
        </div>
      )}
      {feed.isError && feed.data === undefined && (
        <LoadError what="the latest stories" error={feed.error} onRetry={() => void feed.refetch()} />
      )}
      {stories.length > 0 && (
        <div className="story-list">
          {stories.map((story) => (
            <StoryCard key={story.slug} story={story} />
          ))}
        </div>
      )}
      {feed.isFetchNextPageError && (
        <LoadError what="more stories" error={feed.error} onRetry={() => void feed.fetchNextPage()} />
      )}
      {feed.hasNextPage && !feed.isFetchNextPageError && (
        <button
          type="button"
          className="button more-button"
          onClick={() => void feed.fetchNextPage()}
          disabled={feed.isFetchingNextPage}
        >
          {feed.isFetchingNextPage ? 'Loading more stories…' : 'More stories'}
        </button>
      )}
    </>
  );
}
