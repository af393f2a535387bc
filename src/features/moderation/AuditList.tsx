import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadError } from '../../lib/LoadError';
import { LoadMore } from '../../lib/LoadMore';
import { DecisionNote } from './DecisionNote';
import { moderationQueries } from './queries';

/** Every decision, newest first: who approved, spammed or trashed which comment, and when. */
export function AuditList({ token }: { token: string }) {
  const audit = useInfiniteQuery(moderationQueries.audit(token));
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <>
      <h2>Audit list</h2>
      {audit.isPending && <p role="status">Loading the audit list…</p>}
      {audit.isError && audit.data === undefined && (
        <LoadError what="the audit list" error={audit.error} onRetry={() => void audit.refetch()} />
      )}
      {audit.isSuccess && entries.length === 0 && <p>No decisions yet.</p>}
      {entries.length > 0 && (
        <>
          <ol className="moderation-audit">
            {entries.map((entry) => (
              <li key={entry.id}>
                <DecisionNote decision={entry} />: comment #{entry.comment.id} by {entry.comment.name}
                {entry.story && (
                  <>
                    {' on '}
                    <Link to={`/stories/${entry.story.slug}`}>{entry.story.headline}</Link>
                  </>
                )}
              </li>
            ))}
          </ol>
          <LoadMore
            query={audit}
            what="more decisions"
            label="More decisions"
            loadingLabel="Loading more decisions…"
            className="button more-button"
          />
        </>
      )}
    </>
  );
}
