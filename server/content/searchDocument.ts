import type { StoryFile } from '../../src/schema';
import { bodyText } from './derived';
import { cleanText } from './searchText';

/**
 * What search reads of a story, in three weights: the headline counts most, then what stands beside it
 * (standfirst, lead-in, excerpt, lead image caption, author, section, tags), then the body.
 */
export interface SearchDocument {
  slug: string;
  headline: string;
  extra: string;
  body: string;
  /** What filters and facets read beside the text, so counting them never opens the story itself. */
  section: string;
  authorId: string;
  publishedAt: string;
}

export function searchDocument(
  story: Pick<
    StoryFile,
    | 'slug'
    | 'headline'
    | 'standfirst'
    | 'leadIn'
    | 'excerpt'
    | 'image'
    | 'section'
    | 'body'
    | 'authorId'
    | 'publishedAt'
  > &
    Partial<Pick<StoryFile, 'tags'>>,
  authorName: string,
): SearchDocument {
  const tags = (story.tags ?? []).map((tag) => tag.name);
  const extra = [
    story.leadIn,
    story.standfirst,
    story.excerpt,
    story.image?.caption,
    authorName,
    story.section,
    ...tags,
  ];
  return {
    slug: story.slug,
    headline: cleanText(story.headline),
    extra: cleanText(extra.filter(Boolean).join(' \n ')),
    body: cleanText(bodyText(story.body)),
    section: story.section,
    authorId: story.authorId,
    publishedAt: new Date(story.publishedAt).toISOString(),
  };
}
