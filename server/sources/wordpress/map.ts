import type * as z from 'zod/mini';
import type { AuthorFile, StoryFile } from '../../../src/schema/content';
import { TAG_NAME_MAX, TAG_SLUG_MAX, TAGS_MAX, tagSlug, type Tag } from '../../../src/schema/tags';
import { isSafeUrl } from '../../../src/schema/url';
import { convertBody } from './convert/body';
import type { MediaRef, MediaSize } from './convert/context';
import { htmlToText } from './convert/dom';
import { fitDimensions } from './convert/image';
import { truncateAtWord } from './convert/text';
import type { WpMedia, WpPost, WpTerm, WpUser } from './schema';

export type StoryInput = z.input<typeof StoryFile>;
export type AuthorInput = z.input<typeof AuthorFile>;

/** Lower-case words and single hyphens, at most 120 characters: Byline's slug rule. */
export function slugify(value: string): string {
  let text = value;
  try {
    text = decodeURIComponent(value); // WordPress stores non-Latin slugs percent-encoded
  } catch {
    // not encoded after all
  }
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

/** The story's slug is the post's, so /stories/<slug> matches the old /<slug>/; a slug Byline cannot use is cleaned. */
export const storySlug = (post: Pick<WpPost, 'id' | 'slug'>): string => slugify(post.slug) || `post-${post.id}`;

/** Authors from WordPress get ids of their own ("wp-ines-marlow"), so they never collide with content files. */
export const authorId = (user: Pick<WpUser, 'id' | 'slug'>): string =>
  `wp-${slugify(user.slug).slice(0, 100) || `user-${user.id}`}`;

/** "2026-11-21T09:00:00" (GMT, as WordPress writes it) to ISO 8601 with its zone. */
export const gmtToIso = (value: string): string => `${value}Z`;

/** An author card from a WordPress user. WordPress has no role and may have no description: both get a default. */
export function mapAuthor(user: WpUser): AuthorInput {
  const name = truncateAtWord(htmlToText(user.name) || user.slug, 120) || `Author ${user.id}`;
  const avatars = Object.entries(user.avatar_urls ?? {})
    .map(([size, src]) => ({ size: Number(size), src }))
    .filter((avatar) => Number.isInteger(avatar.size) && avatar.size > 0 && isSafeUrl(avatar.src))
    .sort((a, b) => b.size - a.size);
  const avatar = avatars[0];
  const size = avatar ? Math.min(avatar.size, 10_000) : 0;
  return {
    id: authorId(user),
    name,
    role: 'Contributor',
    bio: truncateAtWord(htmlToText(user.description), 1200) || `${name} writes for this publication.`,
    ...(avatar ? { photo: { src: avatar.src, alt: name, width: size, height: size } } : {}),
    social: /^https?:\/\/\S+$/i.test(user.url.trim()) ? [{ network: 'website', url: user.url.trim() }] : [],
  };
}

/** The author named by id when WordPress would not give the user (deleted, or the users route is blocked). */
export const unknownAuthor = (id: number): WpUser => ({
  id,
  name: 'Staff',
  slug: `user-${id}`,
  url: '',
  description: '',
});

function leadImage(media: WpMedia | undefined): StoryInput['image'] {
  if (!media || (media.media_type && media.media_type !== 'image') || !isSafeUrl(media.source_url)) return undefined;
  const { width, height } = media.media_details ?? {};
  const caption = media.caption ? truncateAtWord(htmlToText(media.caption.rendered), 600) : '';
  return {
    src: media.source_url,
    alt: truncateAtWord(media.alt_text, 400),
    ...(width && height && Number.isInteger(width) && Number.isInteger(height) ? fitDimensions({ width, height }) : {}),
    ...(caption ? { caption } : {}),
  };
}

const withoutMore = (text: string) =>
  text.replace(/\s*(\[(…|&hellip;|\.\.\.)\]|…|Continue reading.*|Read more.*)$/i, '');
const squeeze = (text: string) => text.replace(/\s+/g, '');

/**
 * WordPress fills an empty excerpt with the start of the content. The edit context says so (raw is empty);
 * the public one does not, so an excerpt that starts the way the content does counts as generated.
 */
export function isGeneratedExcerpt(post: Pick<WpPost, 'excerpt' | 'content'>): boolean {
  if (post.excerpt?.raw !== undefined) return post.excerpt.raw.trim() === '';
  const excerpt = squeeze(withoutMore(htmlToText(post.excerpt?.rendered ?? '')));
  if (!excerpt) return true;
  return squeeze(htmlToText(post.content.rendered)).startsWith(excerpt.slice(0, 60));
}

/**
 * A post's tags as story tags: WordPress's name (entities decoded, cut to Byline's length) and its own slug
 * (cleaned as every slug is; from the name when WordPress's makes none), in the post's order. What Byline cannot
 * keep (a slug already taken by an earlier tag, tags past its limit) is left out and noted.
 */
export function storyTags(terms: readonly WpTerm[], notes: string[]): Tag[] {
  const tags: Tag[] = [];
  for (const term of terms) {
    const name = truncateAtWord(htmlToText(term.name), TAG_NAME_MAX);
    const slug = slugify(term.slug).slice(0, TAG_SLUG_MAX).replace(/-+$/, '') || tagSlug(name);
    if (!name || !slug) notes.push(`tag ${term.id} has no usable name or slug: left out`);
    else if (tags.some((tag) => tag.slug === slug)) notes.push(`tag "${name}" shares the slug "${slug}": left out`);
    else tags.push({ name, slug });
  }
  if (tags.length > TAGS_MAX) notes.push(`${tags.length - TAGS_MAX} tags past the first ${TAGS_MAX} left out`);
  return tags.slice(0, TAGS_MAX);
}

export interface MapPostInput {
  post: WpPost;
  author: WpUser;
  /** The post's categories and tags (its own order: the first category is the section). */
  terms: readonly WpTerm[];
  featuredMedia?: WpMedia;
  related: string[];
  mediaSize?: (ref: MediaRef) => MediaSize | undefined;
}

export interface MappedPost {
  /** Not yet validated: the caller checks it with StoryFile before anything is stored. */
  story: StoryInput;
  author: AuthorInput;
  categories: string[];
  tags: string[];
  notes: string[];
}

/** A published WordPress post as a Byline story: see the issue's mapping table. */
export function mapPost({ post, author, terms, featuredMedia, related, mediaSize }: MapPostInput): MappedPost {
  const body = convertBody(post.content.rendered, { baseUrl: post.link, mediaSize });
  const termsOf = (ids: number[], taxonomy: string) =>
    ids
      .map((id) => terms.find((term) => term.id === id && (term.taxonomy ?? taxonomy) === taxonomy))
      .filter((term): term is WpTerm => term !== undefined);
  const named = (ids: number[], taxonomy: string) =>
    termsOf(ids, taxonomy)
      .map((term) => htmlToText(term.name))
      .filter(Boolean);
  const categories = named(post.categories, 'category');
  const tags = named(post.tags, 'post_tag');

  const firstParagraph = body.blocks.find((block) => block.type === 'paragraph');
  const leadText = firstParagraph?.type === 'paragraph' ? firstParagraph.content.map((run) => run.text).join('') : '';
  const written = isGeneratedExcerpt(post) ? '' : withoutMore(htmlToText(post.excerpt?.rendered ?? ''));
  const headline = truncateAtWord(htmlToText(post.title.rendered), 200);
  const standfirst = truncateAtWord(written || leadText || headline, 400);

  const notes = [...body.notes];
  if (!categories.length) notes.push('no category: section "News"');
  const topics = storyTags(termsOf(post.tags, 'post_tag'), notes);
  const image = leadImage(featuredMedia);
  if (post.featured_media && !image) notes.push(`featured image ${post.featured_media} not usable`);

  const publishedAt = gmtToIso(post.date_gmt ?? post.modified_gmt);
  const updatedAt = gmtToIso(post.modified_gmt);
  return {
    story: {
      slug: storySlug(post),
      section: truncateAtWord(categories[0] ?? 'News', 40),
      headline: headline || truncateAtWord(standfirst, 200),
      standfirst,
      excerpt: standfirst,
      authorId: authorId(author),
      publishedAt,
      ...(updatedAt > publishedAt ? { updatedAt } : {}),
      ...(image ? { image } : {}),
      related,
      ...(topics.length > 0 ? { tags: topics } : {}),
      body: body.blocks,
    },
    author: mapAuthor(author),
    categories,
    tags,
    notes,
  };
}
