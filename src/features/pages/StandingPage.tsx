import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isNotFound } from '../../lib/api';
import { LoadError } from '../../lib/LoadError';
import { LocalTime } from '../../lib/LocalTime';
import { PageHeading } from '../../lib/PageHeading';
import { PageMeta } from '../../lib/PageMeta';
import { useSite } from '../../lib/site';
import { StoryBody } from '../story';
import { pageQueries } from './queries';

/** A standing page (about, corrections policy...): its title, its blocks as a story's, and when it last changed. */
export function StandingPage({ slug, notFound }: { slug: string; notFound: ReactNode }) {
  const query = useQuery(pageQueries.detail(slug));
  const site = useSite();
  if (query.isError && isNotFound(query.error)) return notFound;
  if (query.isError) return <LoadError what="this page" error={query.error} onRetry={() => void query.refetch()} />;
  const page = query.data;
  if (!page) return <p role="status">Loading the page…</p>;
  return (
    <article className="standing-page">
      <PageMeta title={`${page.title} — ${site.name}`} description={page.description} path={`/pages/${page.slug}`} />
      <PageHeading className="page-title">{page.title}</PageHeading>
      <StoryBody blocks={page.body} />
      <p className="standing-page-updated">
        Last updated <LocalTime iso={page.updatedAt} />
      </p>
    </article>
  );
}
