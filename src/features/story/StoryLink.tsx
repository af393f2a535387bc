import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { warmImage } from '../../lib/warmImage';
import { preloadCommentsCode } from '../comments';
import { storyQueries } from './queries';

/**
 * A real link to a story that, as soon as the reader shows intent (hover, focus or touch), fetches what the
 * story's first screen needs: its text, its lead image and the comments' code. A click then only renders.
 */
export function StoryLink({ slug, children, className }: { slug: string; children: ReactNode; className?: string }) {
  const queryClient = useQueryClient();
  const prefetch = () => {
    const story = storyQueries.detail(slug);
    void queryClient.prefetchQuery(story).then(() => warmImage(queryClient.getQueryData(story.queryKey)?.image));
    preloadCommentsCode();
  };
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
