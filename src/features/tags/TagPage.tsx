import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isNotFound } from '../../lib/api';
import { usePageCursor } from '../../lib/LoadMore';
import { PageHeading } from '../../lib/PageHeading';
import { PageMeta } from '../../lib/PageMeta';
import { useSite } from '../../lib/site';
import { StoryFeed } from '../story';
import { tagQueries } from './queries';

/** `/tags/:slug`: a topic's stories, newest first, paged by links (so it works without JavaScript). */
export function TagPage({ slug, notFound }: { slug: string; notFound: ReactNode }) {
  const feed = useInfiniteQuery(tagQueries.stories(slug, usePageCursor()));
  const site = useSite();
  if (feed.isError && isNotFound(feed.error)) return notFound;
  const tag = feed.data?.pages[0]?.tag;
  return (
    <>
      {tag && (
        <PageMeta
          title={`${tag.name} — ${site.name}`}
          description={`Stories tagged ${tag.name} from ${site.name}.`}
          path={`/tags/${slug}`}
        />
      )}
      <PageHeading className="page-title">{tag?.name ?? 'Tag'}</PageHeading>
      {tag && (
        <p className="tag-count">
          {tag.storyCount === 1 ? '1 story' : `${tag.storyCount} stories`} tagged {tag.name}
        </p>
      )}
      <StoryFeed feed={feed} what="this tag's stories" />
    </>
  );
}
