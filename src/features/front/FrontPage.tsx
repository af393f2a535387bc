import { useInfiniteQuery } from '@tanstack/react-query';
import { usePageCursor } from '../../lib/LoadMore';
import { PageHeading } from '../../lib/PageHeading';
import { PageMeta } from '../../lib/PageMeta';
import { useSite } from '../../lib/site';
import { SectionNav } from '../sections';
import { StoryFeed } from '../story';
import { frontQueries } from './queries';

export function FrontPage() {
  const feed = useInfiniteQuery(frontQueries.feed(usePageCursor()));
  const site = useSite();
  return (
    <>
      <PageMeta
        title={`${site.name} — latest stories`}
        description={site.description}
        path="/"
        feed={{ path: '/feed.xml', title: site.name }}
      />
      <PageHeading className="page-title">Latest stories</PageHeading>
      <SectionNav />
      <StoryFeed feed={feed} what="the latest stories" />
    </>
  );
}
