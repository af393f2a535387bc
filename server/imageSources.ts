import type { AuthorFile, Block, StoryFile } from '../src/schema';

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
