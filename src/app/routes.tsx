import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import { authorQueries } from '../features/author';
import { FrontPage, frontQueries } from '../features/front';
import { storyQueries } from '../features/story';
import { AuthorRoute } from './AuthorRoute';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { StoryRoute } from './StoryRoute';

/**
 * Loaders start the fetch as early as the router knows the URL but do not wait for it: the page shows its
 * skeleton at once, and a prefetched story renders straight from the cache.
 */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      element: <Layout />,
      children: [
        {
          index: true,
          element: <FrontPage />,
          loader: () => {
            void queryClient.prefetchInfiniteQuery(frontQueries.feed());
            return null;
          },
        },
        {
          path: 'stories/:slug',
          element: <StoryRoute />,
          loader: ({ params }) => {
            if (params.slug) void queryClient.prefetchQuery(storyQueries.detail(params.slug));
            return null;
          },
        },
        {
          path: 'authors/:id',
          element: <AuthorRoute />,
          loader: ({ params }) => {
            if (params.id) void queryClient.prefetchQuery(authorQueries.detail(params.id));
            return null;
          },
        },
        {
          // Only moderators need this page, so its code loads on demand.
          path: 'admin',
          lazy: async () => ({ Component: (await import('../features/moderation')).AdminPage }),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}
