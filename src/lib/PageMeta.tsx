import { shareImage, type ImageVariants } from '../schema';
import { jsonForScript } from './json';
import { useAbsoluteUrl, useSite } from './site';

interface Props {
  title: string;
  description: string;
  path: string;
  type?: 'website' | 'article' | 'profile';
  image?: { src: string; alt: string; width?: number; height?: number; variants?: ImageVariants };
  /** Structured data for search engines (schema.org), e.g. a NewsArticle. */
  jsonLd?: Record<string, unknown>;
}

/**
 * The page's title, description, canonical link and social-card tags. React places them in the document head,
 * on the server and on every client-side navigation alike.
 */
export function PageMeta({ title, description, path, type = 'website', image, jsonLd }: Props) {
  const absolute = useAbsoluteUrl();
  const site = useSite();
  const url = absolute(path);
  const card = image && shareImage(image);
  return (
    <>
      <title>{title}</title>
      <meta name="description" content={description} />
      <link rel="canonical" href={url} />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:type" content={type} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      {card && <meta property="og:image" content={absolute(card.src)} />}
      {card?.width && card.height && <meta property="og:image:width" content={String(card.width)} />}
      {card?.width && card.height && <meta property="og:image:height" content={String(card.height)} />}
      {image && <meta property="og:image:alt" content={image.alt} />}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      {site.twitterSite && <meta name="twitter:site" content={site.twitterSite} />}
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      {card && <meta name="twitter:image" content={absolute(card.src)} />}
      {jsonLd && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />}
    </>
  );
}
