import { jsonForScript } from './json';
import { useAbsoluteUrl, useSite } from './site';
import { socialHandle } from './socialHandle';

interface Props {
  title: string;
  description: string;
  path: string;
  type?: 'website' | 'article' | 'profile';
  image?: { src: string; alt: string; width?: number; height?: number };
  /** Structured data for search engines (schema.org), e.g. a NewsArticle. */
  jsonLd?: Record<string, unknown>;
  /** An RSS feed of this page's stories, for feed readers to find. */
  feed?: { path: string; title: string };
}

/**
 * The page's title, description, canonical link and social-card tags. React places them in the document head,
 * on the server and on every client-side navigation alike.
 */
export function PageMeta({ title, description, path, type = 'website', image, jsonLd, feed }: Props) {
  const absolute = useAbsoluteUrl();
  const site = useSite();
  const url = absolute(path);
  const xAccount = site.social.find((link) => link.network === 'x');
  const twitterSite = xAccount && socialHandle(xAccount);
  return (
    <>
      <title>{title}</title>
      <meta name="description" content={description} />
      <link rel="canonical" href={url} />
      {feed && <link rel="alternate" type="application/rss+xml" title={feed.title} href={absolute(feed.path)} />}
      <meta property="og:site_name" content={site.name} />
      <meta property="og:type" content={type} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      {image && <meta property="og:image" content={absolute(image.src)} />}
      {image && <meta property="og:image:alt" content={image.alt} />}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      {twitterSite && <meta name="twitter:site" content={twitterSite} />}
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      {image && <meta name="twitter:image" content={absolute(image.src)} />}
      {jsonLd && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />}
    </>
  );
}
