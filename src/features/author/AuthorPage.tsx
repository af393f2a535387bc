import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isNotFound } from '../../lib/api';
import { LoadError } from '../../lib/LoadError';
import { usePageCursor } from '../../lib/LoadMore';
import { PageMeta } from '../../lib/PageMeta';
import { useSite } from '../../lib/site';
import { StoryFeed } from '../story';
import { AuthorCard } from './AuthorCard';
import { authorQueries } from './queries';

export function AuthorPage({ id, notFound }: { id: string; notFound: ReactNode }) {
  const feed = useInfiniteQuery(authorQueries.detail(id, usePageCursor()));
  const site = useSite();
  if (feed.isPending) {
    return <div className="author-card skeleton" role="status" aria-busy="true" aria-label="Loading author" />;
  }
  if (feed.isError && feed.data === undefined) {
    if (isNotFound(feed.error)) return notFound;
    return <LoadError what="this author" error={feed.error} onRetry={() => void feed.refetch()} />;
  }
  const { author, stories } = feed.data.pages[0]!;
  return (
    <>
      <PageMeta
        title={`${author.name} — ${site.name}`}
        description={`${author.role}. ${author.bio}`}
        path={`/authors/${author.id}`}
        type="profile"
      />
      <AuthorCard author={author} isPageTitle />
      <section aria-labelledby="author-stories">
        <h2 id="author-stories">Stories by {author.name}</h2>
        {stories.length === 0 ? (
          <p>No stories yet.</p>
        ) : (
          <StoryFeed feed={feed} what={`more stories by ${author.name}`} headingLevel={3} />
        )}
      </section>
    </>
  );
}
