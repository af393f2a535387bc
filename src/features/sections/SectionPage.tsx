import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isNotFound } from '../../lib/api';
import { usePageCursor } from '../../lib/LoadMore';
import { PageHeading } from '../../lib/PageHeading';
import { PageMeta } from '../../lib/PageMeta';
import { useSite } from '../../lib/site';
import { StoryFeed } from '../story';
import { sectionQueries } from './queries';

export function SectionPage({ slug, notFound }: { slug: string; notFound: ReactNode }) {
  const feed = useInfiniteQuery(sectionQueries.stories(slug, usePageCursor()));
  const site = useSite();
  if (feed.isError && isNotFound(feed.error)) return notFound;
  const section = feed.data?.pages[0]?.section;
  return (
    <>
      {section && (
        <PageMeta
          title={`${section.name} — ${site.name}`}
          description={`The latest ${section.name} stories from ${site.name}.`}
          path={`/sections/${slug}`}
        />
      )}
      <PageHeading className="page-title">{section?.name ?? 'Section'}</PageHeading>
      <StoryFeed feed={feed} what="this section" />
    </>
  );
}
