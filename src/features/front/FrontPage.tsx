import { useInfiniteQuery } from '@tanstack/react-query';
import { usePageCursor } from '../../lib/LoadMore';
import { PageHeading } from '../../lib/PageHeading';
import { PageMeta } from '../../lib/PageMeta';
import { useAbsoluteUrl, useSite } from '../../lib/site';
import { StoryFeed } from '../story';
import { frontQueries } from './queries';

export function FrontPage() {
  const feed = useInfiniteQuery(frontQueries.feed(usePageCursor()));
  const site = useSite();
  const absolute = useAbsoluteUrl();
  return (
    <>
      <PageMeta
        title={`${site.name} — latest stories`}
        description={site.description}
        path="/"
        jsonLd={{
          '@context': 'https://schema.org',
          '@type': 'WebSite',
          name: site.name,
          url: absolute('/'),
          // Search engines may offer a search box for the site that leads to its own search page.
          potentialAction: {
            '@type': 'SearchAction',
            target: { '@type': 'EntryPoint', urlTemplate: `${absolute('/search')}?q={search_term_string}` },
            'query-input': 'required name=search_term_string',
          },
        }}
      />
      <PageHeading className="page-title">Latest stories</PageHeading>
      <StoryFeed feed={feed} what="the latest stories" />
    </>
  );
}
