import type { AuthorFile, Block, Inline, StoryFile } from '../../src/schema';

/*
 * What Byline derives from a story or an author whatever source published it: the excerpt, the reading time and
 * the origins its images come from. Pure (schema types only), so the sources, the previews and the write path
 * all compute the same values, and a change here is one change everywhere.
 */

const WORDS_PER_MINUTE = 220;

const inlineText = (runs: Inline[]) => runs.map((run) => run.text).join(' ');

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'blockquote':
      return inlineText(block.content);
    case 'list':
      return block.items.map(inlineText).join(' ');
    case 'subheading':
    case 'pullquote':
    case 'embed':
      return block.text;
    case 'image':
      return block.caption ?? '';
    case 'divider':
      return '';
  }
}

/** A body's words as plain text, block after block: what reading time counts and search indexes. */
export const bodyText = (body: Block[]) => body.map(blockText).join(' ');

export function readingMinutes(body: Block[]): number {
  const words = body.map(blockText).join(' ').split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}

export const EXCERPT_MAX = 200;

/**
 * A story's excerpt when its file gives none: the first paragraph's text, cut at a word within EXCERPT_MAX
 * characters (with an ellipsis when cut), or the headline for a story that opens without a paragraph.
 */
export function excerptOf(story: Pick<StoryFile, 'excerpt' | 'body' | 'headline'>, max = EXCERPT_MAX): string {
  if (story.excerpt) return story.excerpt;
  const first = story.body.find((block) => block.type === 'paragraph');
  const text = first
    ? first.content
        .map((run) => run.text)
        .join('')
        .replace(/\s+/g, ' ')
        .trim()
    : '';
  if (!text) return story.headline;
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** The origin of an absolute http(s) address; undefined for a site path ("/images/x.svg"), which is 'self'. */
export function originOf(src: string): string | undefined {
  if (!/^https?:\/\//i.test(src)) return undefined;
  try {
    return new URL(src).origin;
  } catch {
    return undefined;
  }
}

function blockImages(block: Block): string[] {
  switch (block.type) {
    case 'image':
      return [block.src];
    case 'embed':
      return block.media ? [block.media.src] : [];
    case 'paragraph':
    case 'subheading':
    case 'blockquote':
    case 'pullquote':
    case 'list':
    case 'divider':
      return [];
  }
}

/** The origins a story's images come from, each once. */
export const storyImageOrigins = (story: Pick<StoryFile, 'image' | 'body'>) => [
  ...new Set(
    [story.image?.src, ...story.body.flatMap(blockImages)].flatMap((src) => (src ? (originOf(src) ?? []) : [])),
  ),
];

export const authorImageOrigins = (author: Pick<AuthorFile, 'photo'>) =>
  author.photo ? [originOf(author.photo.src) ?? []].flat() : [];
