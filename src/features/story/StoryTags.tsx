import { Link } from 'react-router';
import type { Tag } from '../../schema';

/** A story's tags, each a link to its page (src/features/tags). */
export function StoryTags({ tags }: { tags: readonly Tag[] }) {
  if (tags.length === 0) return null;
  return (
    <nav className="story-tags" aria-label="Tags">
      <ul>
        {tags.map((tag) => (
          <li key={tag.slug}>
            <Link to={`/tags/${tag.slug}`}>{tag.name}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
