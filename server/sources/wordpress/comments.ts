import type { AnyNode } from 'domhandler';
import { COMMENT_LIMITS } from '../../../src/schema/limits';
import { INLINE_TAGS, isElement, isText, parseHtml } from './convert/dom';
import { isRemovedElement } from './convert/hostile';
import { truncateAtWord } from './convert/text';
import type { WordPressCommentRow } from '../../store';
import { gmtToIso } from './map';
import type { WpComment } from './schema';

/** Comment HTML (content.rendered) as plain text: paragraphs apart by a blank line, <br> as a line break. */
export function commentText(html: string): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .join('\n')
      .trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const walk = (nodes: readonly AnyNode[]) => {
    for (const node of nodes) {
      if (isText(node)) current += node.data.replace(/\s+/g, ' ');
      else if (isElement(node) && !isRemovedElement(node)) {
        if (node.name === 'br') current += '\n';
        else if (INLINE_TAGS.has(node.name)) walk(node.children);
        else {
          flush();
          walk(node.children);
          flush();
        }
      }
    }
  };
  walk(parseHtml(html));
  flush();
  return paragraphs.join('\n\n');
}

export interface MappedComments {
  rows: WordPressCommentRow[];
  skipped: { id: number; reason: string }[];
}

/**
 * Approved comments as rows, parents before their replies (the store can then link a reply as it inserts it).
 * Comments on posts Byline does not have, unapproved ones and empty ones are skipped with a reason.
 */
export function mapComments(
  comments: readonly WpComment[],
  slugOfPost: (postId: number) => string | undefined,
): MappedComments {
  const skipped: MappedComments['skipped'] = [];
  const rows = new Map<number, WordPressCommentRow>();
  for (const comment of comments) {
    const storySlug = slugOfPost(comment.post);
    const fullText = commentText(comment.content.rendered);
    if (comment.status !== undefined && comment.status !== 'approved')
      skipped.push({ id: comment.id, reason: `status ${comment.status}` });
    else if (!storySlug) skipped.push({ id: comment.id, reason: `post ${comment.post} is not a synced story` });
    else if (!fullText) skipped.push({ id: comment.id, reason: 'no text' });
    else {
      const website = comment.author_url.trim();
      rows.set(comment.id, {
        storySlug,
        wordpressId: comment.id,
        parentWordpressId: comment.parent > 0 ? comment.parent : null,
        name: truncateAtWord(comment.author_name, COMMENT_LIMITS.name) || 'Anonymous',
        website: /^https?:\/\/\S+$/i.test(website) && website.length <= COMMENT_LIMITS.website ? website : null,
        // WordPress has the same limit, so this cut is for a plugin that lifted it; it keeps the line breaks.
        text: fullText.length <= COMMENT_LIMITS.text ? fullText : `${fullText.slice(0, COMMENT_LIMITS.text - 1)}…`,
        createdAt: gmtToIso(comment.date_gmt),
      });
    }
  }
  return { rows: threadOrder([...rows.values()]), skipped };
}

/** Oldest thread first, each comment followed by its replies (oldest first), whatever order they came in. */
function threadOrder(rows: WordPressCommentRow[]): WordPressCommentRow[] {
  const byAge = [...rows].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.wordpressId - b.wordpressId);
  const ids = new Set(rows.map((row) => row.wordpressId));
  const replies = new Map<number, WordPressCommentRow[]>();
  for (const row of byAge) {
    if (row.parentWordpressId !== null && ids.has(row.parentWordpressId)) {
      replies.set(row.parentWordpressId, [...(replies.get(row.parentWordpressId) ?? []), row]);
    }
  }
  const ordered: WordPressCommentRow[] = [];
  const visit = (row: WordPressCommentRow) => {
    ordered.push(row);
    for (const reply of replies.get(row.wordpressId) ?? []) visit(reply);
  };
  for (const row of byAge) if (row.parentWordpressId === null || !ids.has(row.parentWordpressId)) visit(row);
  return ordered;
}
