import type { QueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { isNotFound } from '../lib/api';
import { loadable } from '../lib/loadable';
import type { Params, RouteObject } from 'react-router';
import { authorQueries } from '../features/author';
import { commentQueries } from '../features/comments';
import { FrontPage, frontQueries } from '../features/front';
import { liveQueries, pageParam } from '../features/live';
import { SavedPage } from '../features/saved';
import { SearchPage, searchParamsOf, searchQueries } from '../features/search';
import { sectionQueries } from '../features/sections';
import { storyQueries } from '../features/story';
import { pageQueries } from '../features/pages';
import { StandingPageRoute } from './StandingPageRoute';
import { tagQueries } from '../features/tags';
import { SectionRoute } from './SectionRoute';
import { AuthorRoute } from './AuthorRoute';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { StoryRoute } from './StoryRoute';
import { TagRoute } from './TagRoute';

export type AppRoute = RouteObject;

/**
 * A route's loader, kept in its handle: starts the queries its page reads. The client calls it as soon as the
 * URL changes and does not wait (the page shows its skeleton, or renders from a prefetched cache); the server
 * awaits it and sends the data with the HTML.
 */
export interface RouteHandle {
  /** `search`: the page's query parameters (`cursor`: where a list continues, on pages reached without JavaScript). */
  prefetch?: (params: Params, search: URLSearchParams) => Promise<unknown>;
}

const loader = (prefetch: RouteHandle['prefetch']): RouteHandle => ({ prefetch });

// Only moderators need this page, so its code loads on demand.
const AdminPage = loadable(async () => (await import('../features/moderation')).AdminPage);
const ContentProblemsPage = loadable(async () => (await import('../features/contentProblems')).ContentProblemsPage);

export function createRoutes(queryClient: QueryClient): AppRoute[] {
  return [
    {
      element: <Layout />,
      // The header's sections are on every page (HeaderSections): the page is sent with them.
      handle: loader(() => queryClient.prefetchQuery(sectionQueries.names())),
      children: [
        {
          index: true,
          element: <FrontPage />,
          handle: loader((_params, search) =>
            queryClient.prefetchInfiniteQuery(frontQueries.feed(search.get('cursor') ?? '')),
          ),
        },
        {
          path: 'sections/:section',
          element: <SectionRoute />,
          handle: loader(({ section = '' }, search) =>
            queryClient.prefetchInfiniteQuery(sectionQueries.stories(section, search.get('cursor') ?? '')),
          ),
        },
        {
          path: 'stories/:slug',
          element: <StoryRoute />,
          handle: loader(async ({ slug = '' }, search) => {
            const story = storyQueries.detail(slug);
            // A story the page already knows is missing (the server's 404, in the page's data) is not asked
            // for again; and comments are asked for only once the story is there, so a missing story costs the
            // one request that finds it missing, not a second one for its comments.
            if (isNotFound(queryClient.getQueryState(story.queryKey)?.error)) return;
            await queryClient.prefetchQuery(story);
            const found = queryClient.getQueryData(story.queryKey);
            if (found === undefined) return;
            await Promise.all([
              queryClient.prefetchInfiniteQuery(commentQueries.list(slug, search.get('cursor') ?? '')),
              found.live ? queryClient.prefetchQuery(liveQueries.page(slug, pageParam(search.get('page')))) : undefined,
            ]);
          }),
        },
        {
          path: 'authors/:id',
          element: <AuthorRoute />,
          handle: loader(({ id = '' }, search) =>
            queryClient.prefetchInfiniteQuery(authorQueries.detail(id, search.get('cursor') ?? '')),
          ),
        },
        {
          path: 'tags/:tag',
          element: (
            <Suspense fallback={<p role="status">Loading the tag's stories…</p>}>
              <TagRoute />
            </Suspense>
          ),
          handle: loader(({ tag = '' }, search) =>
            queryClient.prefetchInfiniteQuery(tagQueries.stories(tag, search.get('cursor') ?? '')),
          ),
        },
        {
          path: 'search',
          element: (
            <Suspense fallback={<p role="status">Loading the search…</p>}>
              <SearchPage />
            </Suspense>
          ),
          handle: loader((_params, search) =>
            Promise.all([
              queryClient.prefetchInfiniteQuery(
                searchQueries.results(searchParamsOf(search), search.get('cursor') ?? ''),
              ),
              queryClient.prefetchQuery(sectionQueries.names()),
            ]),
          ),
        },
        {
          path: 'pages/:slug',
          element: (
            <Suspense fallback={<p role="status">Loading the page…</p>}>
              <StandingPageRoute />
            </Suspense>
          ),
          handle: loader(({ slug = '' }) => queryClient.prefetchQuery(pageQueries.detail(slug))),
        },
        {
          path: 'admin',
          element: (
            <Suspense fallback={<p role="status">Loading the moderation page…</p>}>
              <AdminPage />
            </Suspense>
          ),
        },
        {
          path: 'admin/content',
          element: (
            <Suspense fallback={<p role="status">Loading the content view…</p>}>
              <ContentProblemsPage />
            </Suspense>
          ),
        },
        {
          path: 'saved',
          element: (
            <Suspense fallback={<p role="status">Loading your saved stories…</p>}>
              <SavedPage />
            </Suspense>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}
