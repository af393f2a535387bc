import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isNotFound } from '../../lib/api';
import { LoadError } from '../../lib/LoadError';
import { PageMeta } from '../../lib/PageMeta';
import { useSite } from '../../lib/site';
import { StoryCard } from '../story';
import { AuthorCard } from './AuthorCard';
import { authorQueries } from './queries';

export function AuthorPage({ id, notFound }: { id: string; notFound: ReactNode }) {
  const query = useQuery(authorQueries.detail(id));
  const site = useSite();
  if (query.isPending) {
    return <div className="author-card skeleton" role="status" aria-busy="true" aria-label="Loading author" />;
  }
  if (query.isError) {
    if (isNotFound(query.error)) return notFound;
    return <LoadError what="this author" error={query.error} onRetry={() => void query.refetch()} />;
  }
  const { author, stories } = query.data;
  return (
    <>
      <PageMeta
        title={`${author.name} — ${site.name}`}
        description={`${author.role}. ${author.bio}`}
        path={`/authors/${author.id}`}
        type="profile"
      />
      <AuthorCard author={author} isPageTitle />
      <section aria-labelledby="author-stories" className="story-list">
        <h2 id="author-stories">Stories by {author.name}</h2>
        {stories.length === 0 ? (
          <p>No stories yet.</p>
        ) : (
          stories.map((story) => <StoryCard key={story.slug} story={story} headingLevel={3} />)
        )}
      </section>
    </>
  );
}
