import { initials } from '../../lib/initials';
import type { Author } from '../../schema';

/** The author's photo, or their initials when there is none. Decorative: the name is always beside it. */
export function AuthorAvatar({ author }: { author: Author }) {
  if (author.photo) {
    return (
      <img className="avatar" src={author.photo.src} alt="" width={96} height={96} loading="lazy" decoding="async" />
    );
  }
  return (
    <span className="avatar avatar-initials" aria-hidden="true">
      {initials(author.name)}
    </span>
  );
}
