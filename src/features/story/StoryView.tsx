import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, type ReactNode } from 'react';
import { isNotFound } from '../../lib/api';
import { LoadError } from '../../lib/LoadError';
import type { Story } from '../../schema';
import { storyQueries } from './queries';
import { StoryArticle } from './StoryArticle';
import { StoryMeta } from './StoryMeta';
import { StorySkeleton } from './StorySkeleton';

interface Props {
  slug: string;
  /** What goes after the article once the story is there: author card, comments, rail. */
  children: (story: Story) => ReactNode;
  /** Extra controls for the story's toolbar. */
  tools?: (story: Story) => ReactNode;
  notFound: ReactNode;
  /** What the page's schema.org data adds for this story (a live story's coverage). */
  jsonLd?: (story: Story) => Record<string, unknown> | undefined;
}

export function StoryView({ slug, children, notFound, tools, jsonLd }: Props) {
  const query = useQuery(storyQueries.detail(slug));
  // After a click to another story, its header and the text of a first screen are painted first, and the rest
  // (the body's further blocks and images, author card, comments, rail: below the fold or beside it) in the next
  // pass, which React can interrupt. On a page's first render, and when hydrating, the two are the same pass.
  const settledSlug = useDeferredValue(slug);
  if (query.isPending) return <StorySkeleton />;
  if (query.isError) {
    if (isNotFound(query.error)) return notFound;
    return <LoadError what="this story" error={query.error} onRetry={() => void query.refetch()} />;
  }
  const story = query.data;
  return (
    <>
      <StoryMeta story={story} extra={jsonLd?.(story)} />
      <StoryArticle story={story} tools={tools?.(story)} firstScreen={settledSlug !== slug} />
      {settledSlug === slug && children(story)}
    </>
  );
}
