import { initials } from '../../lib/initials';

const PALETTE_SIZE = 8;

/** A local avatar: initials on a colour picked from the name. No request ever goes to a third party. */
export function CommentAvatar({ name }: { name: string }) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return (
    <span className={`comment-avatar avatar-tone-${hash % PALETTE_SIZE}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
