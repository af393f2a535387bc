import type { ReactNode } from 'react';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]'"]+$/;

/** Web addresses become links; everything else stays text. Nothing is ever interpreted as HTML. */
function linkify(line: string, keyPrefix: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const trailing = TRAILING_PUNCTUATION.exec(match[0])?.[0] ?? '';
    const url = match[0].slice(0, match[0].length - trailing.length);
    parts.push(line.slice(last, match.index));
    parts.push(
      <a key={`${keyPrefix}-${match.index}`} href={url} rel="nofollow ugc noopener">
        {url}
      </a>,
    );
    last = match.index + url.length;
  }
  parts.push(line.slice(last));
  return parts;
}

/**
 * A comment's paragraphs and lines. `inertLinks` (the moderators' view) keeps addresses as plain text: a
 * moderator judging a link-stuffed comment must not be one click from its links.
 */
export function CommentText({ text, inertLinks = false }: { text: string; inertLinks?: boolean }) {
  return text
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph, index) => (
      <p key={index}>
        {paragraph.split('\n').map((line, lineIndex) => (
          <span key={lineIndex}>
            {lineIndex > 0 && <br />}
            {inertLinks ? line : linkify(line, `${index}-${lineIndex}`)}
          </span>
        ))}
      </p>
    ));
}
