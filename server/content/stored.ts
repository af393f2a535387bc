import { createHash } from 'node:crypto';
import type { Block, Inline, StoryFile } from '../../src/schema';

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

/** The content hash: equal hashes mean nothing a reader sees changed, so the write is skipped. */
export const textHash = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
export const contentHash = (value: unknown) => textHash(JSON.stringify(value));
