import { useInfiniteQuery } from '@tanstack/react-query';
import { usePageCursor } from '../../lib/LoadMore';
import { PageHeading } from '../../lib/PageHeading';
import { PageMeta, SITE_NAME } from '../../lib/PageMeta';
import { SectionNav } from '../sections';
import { StoryFeed } from '../story';
import { frontQueries } from './queries';

export function FrontPage() {
  const feed = useInfiniteQuery(frontQueries.feed(usePageCursor()));
  return (
    <>
      <PageMeta
        title={`${SITE_NAME} — latest stories`}
        description="Local, science, culture and climate stories from Port Alder: fast, readable and free of clutter."
        path="/"
      />
      <PageHeading className="page-title">Latest stories</PageHeading>
      <SectionNav />
      <StoryFeed feed={feed} what="the latest stories" />
    </>
  );
}
