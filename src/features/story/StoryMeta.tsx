import { PageMeta } from '../../lib/PageMeta';
import { useAbsoluteUrl, useSite } from '../../lib/site';
import type { Story } from '../../schema';

/** Head tags and schema.org NewsArticle data, so shared links show a proper card and search engines a proper result. */
export function StoryMeta({ story, extra }: { story: Story; extra?: Record<string, unknown> }) {
  const absolute = useAbsoluteUrl();
  const site = useSite();
  const path = `/stories/${story.slug}`;
  const description = story.standfirst ?? story.excerpt;
  return (
    <PageMeta
      title={`${story.headline} — ${site.name}`}
      description={description}
      path={path}
      type="article"
      image={story.image}
      article={{
        publishedTime: story.publishedAt,
        modifiedTime: story.updatedAt ?? story.publishedAt,
        section: story.section,
        tags: story.tags.map((tag) => tag.name),
      }}
      jsonLd={{
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: story.headline,
        description,
        articleSection: story.section,
        ...(story.tags.length > 0 ? { keywords: story.tags.map((tag) => tag.name) } : {}),
        datePublished: story.publishedAt,
        dateModified: story.updatedAt ?? story.publishedAt,
        mainEntityOfPage: absolute(path),
        ...(story.image ? { image: [absolute(story.image.src)] } : {}),
        author: [{ '@type': 'Person', name: story.author.name, url: absolute(`/authors/${story.author.id}`) }],
        publisher: {
          '@type': 'Organization',
          name: site.name,
          logo: { '@type': 'ImageObject', url: absolute(site.logo?.src ?? '/icon-512.png') },
        },
        ...extra,
      }}
    />
  );
}
