import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { storyQueries } from './queries';

/** A real link to a story that starts fetching it as soon as the reader shows intent (hover or focus). */
export function StoryLink({ slug, children, className }: { slug: string; children: ReactNode; className?: string }) {
  const queryClient = useQueryClient();
  const prefetch = () => void queryClient.prefetchQuery(storyQueries.detail(slug));
  return (
    <Link
      to={`/stories/${slug}`}
      className={className}
      onMouseEnter={prefetch}
      onFocus={prefetch}
      onTouchStart={prefetch}
    >
      {children}
    </Link>
  );
}
