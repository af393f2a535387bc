import { initials } from '../../lib/initials';
import { ResponsiveImage } from '../../lib/ResponsiveImage';
import type { Author } from '../../schema';

/** The author's photo, or their initials when there is none. Decorative: the name is always beside it. */
export function AuthorAvatar({ author }: { author: Author }) {
  if (author.photo) {
    return (
      <ResponsiveImage image={author.photo} alt="" use="avatar" className="avatar" box={{ width: 96, height: 96 }} />
    );
  }
  return (
    <span className="avatar avatar-initials" aria-hidden="true">
      {initials(author.name)}
    </span>
  );
}
