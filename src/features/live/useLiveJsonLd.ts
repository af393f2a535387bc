import { useQueryClient } from '@tanstack/react-query';
import { useAbsoluteUrl } from '../../lib/site';
import type { Story } from '../../schema';
import { liveBlogJsonLd } from './jsonLd';
import { liveQueries } from './queries';

/**
 * The story page's schema.org additions for a live story: its entries as the page was rendered with them
 * (search engines read the server's HTML; the page's later updates need not rewrite its head).
 */
export function useLiveJsonLd(slug: string, page: number) {
  const queryClient = useQueryClient();
  const absolute = useAbsoluteUrl();
  return (story: Story) => {
    if (!story.live) return undefined;
    const data = queryClient.getQueryData(liveQueries.page(slug, page).queryKey);
    const path = `/stories/${story.slug}${page > 1 ? `?page=${page}` : ''}`;
    return data
      ? liveBlogJsonLd(data, absolute(path))
      : { '@type': 'LiveBlogPosting', coverageStartTime: story.live.startedAt };
  };
}
