import { shareImage, type ImageVariants } from '../schema/variantUrls';
import { jsonForScript } from './json';
import { useAbsoluteUrl, useSite } from './site';

interface Props {
  title: string;
  description: string;
  path: string;
  type?: 'website' | 'article' | 'profile';
  image?: { src: string; alt: string; width?: number; height?: number; variants?: ImageVariants };
  /** A story's dates, section and tags, as article:* tags (Open Graph's article type). */
  article?: { publishedTime: string; modifiedTime: string; section: string; tags?: readonly string[] };
  /** Structured data for search engines (schema.org), e.g. a NewsArticle. */
  jsonLd?: Record<string, unknown>;
}

/**
 * The page's title, description, canonical link and social-card tags. React places them in the document head,
 * on the server and on every client-side navigation alike.
 */
export function PageMeta({ title, description, path, type = 'website', image: own, jsonLd, article }: Props) {
  const absolute = useAbsoluteUrl();
  const site = useSite();
  const url = absolute(path);
  // A page without a picture of its own is shared with the site's: its social image, else its icon.
  const image = own ?? site.socialImage ?? { src: '/icon-512.png', alt: site.name, width: 512, height: 512 };
  const large = Boolean(own ?? site.socialImage);
  // The card's picture: the 1200-wide variant when the image has them (shareImage), else the image itself.
  const card = shareImage(image);
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
      <meta property="og:image" content={absolute(card.src)} />
      {card.width !== undefined && <meta property="og:image:width" content={String(card.width)} />}
      {card.height !== undefined && <meta property="og:image:height" content={String(card.height)} />}
      <meta property="og:image:alt" content={image.alt} />
      {article && <meta property="article:published_time" content={article.publishedTime} />}
      {article && <meta property="article:modified_time" content={article.modifiedTime} />}
      {article && <meta property="article:section" content={article.section} />}
      {article?.tags?.map((tag) => (
        <meta key={tag} property="article:tag" content={tag} />
      ))}
      <meta name="twitter:card" content={large ? 'summary_large_image' : 'summary'} />
      {site.twitterSite && <meta name="twitter:site" content={site.twitterSite} />}
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={absolute(card.src)} />
      {jsonLd && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />}
    </>
  );
}
