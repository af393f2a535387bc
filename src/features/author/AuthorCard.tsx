import { Link } from 'react-router';
import { PageHeading } from '../../lib/PageHeading';
import type { Author } from '../../schema';
import { AuthorAvatar } from './AuthorAvatar';
import { SocialLinks } from './SocialLinks';

/** On a story the card sits beside the text with a link to the author; on the author's own page it is the title. */
export function AuthorCard({ author, isPageTitle = false }: { author: Author; isPageTitle?: boolean }) {
  return (
    <aside className="author-card" aria-label="About the author">
      <AuthorAvatar author={author} />
      <div className="author-card-text">
        {isPageTitle ? (
          <PageHeading className="author-name">{author.name}</PageHeading>
        ) : (
          <h2 className="author-name">
            <Link to={`/authors/${author.id}`}>{author.name}</Link>
          </h2>
        )}
        <p className="author-role">{author.role}</p>
        <p className="author-bio">{author.bio}</p>
        <SocialLinks author={author} />
      </div>
    </aside>
  );
}
