import { Link } from 'react-router';
import { PageHeading } from '../lib/PageHeading';
import { useSite } from '../lib/site';

export function NotFoundPage({ title = 'Page not found', message }: { title?: string; message?: string }) {
  const site = useSite();
  return (
    <div className="not-found">
      <title>{`${title} — ${site.name}`}</title>
      <meta name="robots" content="noindex" />
      <PageHeading>{title}</PageHeading>
      <p>{message ?? 'There is nothing at this address. It may have moved, or the link may be mistyped.'}</p>
      <p>
        <Link to="/">Go to the front page</Link>
      </p>
    </div>
  );
}
