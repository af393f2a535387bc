import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isNotFound } from '../../lib/api';
import { LoadError } from '../../lib/LoadError';
import { PageHeading } from '../../lib/PageHeading';
import { PageMeta, SITE_NAME } from '../../lib/PageMeta';
import { StoryCard } from '../story';
import { sectionQueries } from './queries';
import { SectionNav } from './SectionNav';

export function SectionPage({ slug, notFound }: { slug: string; notFound: ReactNode }) {
  const feed = useInfiniteQuery(sectionQueries.stories(slug));
  if (feed.isError && isNotFound(feed.error)) return notFound;
  const section = feed.data?.pages[0]?.section;
  const stories = feed.data?.pages.flatMap((page) => page.stories) ?? [];
  return (
    <>
      {section && (
        <PageMeta
          title={`${section.name} — ${SITE_NAME}`}
          description={`The latest ${section.name} stories from ${SITE_NAME}.`}
          path={`/sections/${slug}`}
        />
      )}
      <PageHeading className="page-title">{section?.name ?? 'Section'}</PageHeading>
      <SectionNav />
      {feed.isPending && (
        <div className="story-list" role="status" aria-busy="true" aria-label="Loading stories">
          {Array.from({ length: 3 }, (_, index) => (
            <div key={index} className="story-card skeleton" />
          ))}
        </div>
      )}
      {feed.isError && feed.data === undefined && (
        <LoadError what="this section" error={feed.error} onRetry={() => void feed.refetch()} />
      )}
      {stories.length > 0 && (
        <div className="story-list">
          {stories.map((story) => (
            <StoryCard key={story.slug} story={story} />
          ))}
        </div>
      )}
      {feed.hasNextPage && (
        <button type="button" className="button more-button" onClick={() => void feed.fetchNextPage()} disabled={feed.isFetchingNextPage}>
          {feed.isFetchingNextPage ? 'Loading more stories…' : 'More stories'}
        </button>
      )}
    </>
  );
}
