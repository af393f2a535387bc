import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api';
import { isAuthError, useAdminToken } from '../../lib/adminToken';
import { LoadError } from '../../lib/LoadError';
import { LoadMore } from '../../lib/LoadMore';
import { PageHeading } from '../../lib/PageHeading';
import { useSite } from '../../lib/site';
import type { CommentStatus } from '../../schema';
import { thousands } from '../../schema/limits';
import { AuditList } from './AuditList';
import { ModerationItem } from './ModerationItem';
import { moderate, moderateMany, moderationQueries, type ModerationAction, type QueueFilter } from './queries';
import { QueueSearch } from './QueueSearch';
import './moderation.css';
import { AdminSignIn } from './TokenForm';

const VIEWS: { status: CommentStatus; label: string }[] = [
  { status: 'pending', label: 'Pending' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
  { status: 'trash', label: 'Trash' },
];
const DONE: Record<ModerationAction, string> = { approve: 'Approved', spam: 'Marked as spam', trash: 'Moved to trash' };
const BULK: { action: ModerationAction; label: string; status: CommentStatus }[] = [
  { action: 'approve', label: 'Approve selected', status: 'approved' },
  { action: 'spam', label: 'Spam selected', status: 'spam' },
  { action: 'trash', label: 'Trash selected', status: 'trash' },
];
const plural = (n: number) => `${n} comment${n === 1 ? '' : 's'}`;

export function AdminPage() {
  const queryClient = useQueryClient();
  const title = `Moderation — ${useSite().name}`;
  const [token, keepToken] = useAdminToken();
  const [status, setStatus] = useState<CommentStatus>('pending');
  const [showAudit, setShowAudit] = useState(false);
  const [filter, setFilter] = useState<QueueFilter>({});
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const list = useInfiniteQuery({
    ...moderationQueries.list(token ?? '', status, filter),
    enabled: token !== null && !showAudit,
  });
  const narrow = (next: QueueFilter) => {
    setFilter(next);
    setSelected(new Set());
  };

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['moderation'] });
    void queryClient.invalidateQueries({ queryKey: ['comments'] });
    void queryClient.invalidateQueries({ queryKey: ['story'] });
  };
  const failed = (error: unknown) =>
    setAnnouncement(error instanceof ApiRequestError ? error.message : 'That did not work. Please try again.');

  const action = useMutation({
    mutationFn: ({ id, action }: { id: number; action: ModerationAction; name: string }) =>
      moderate(token!, id, action),
    onSuccess: (_result, { id, action, name }) => {
      setAnnouncement(`${DONE[action]}: the comment by ${name}.`);
      setSelected((current) => new Set([...current].filter((other) => other !== id)));
      refresh();
    },
    onError: failed,
  });

  const bulk = useMutation({
    mutationFn: ({ ids, action }: { ids: number[]; action: ModerationAction }) => moderateMany(token!, ids, action),
    onSuccess: (result, { action }) => {
      const missing = result.notFound.length > 0 ? ` ${plural(result.notFound.length)} no longer existed.` : '';
      setAnnouncement(`${DONE[action]}: ${plural(result.updated.length)}.${missing}`);
      setSelected(new Set());
      refresh();
    },
    onError: failed,
  });

  if (token === null || (list.isError && isAuthError(list.error))) {
    return <AdminSignIn title={title} heading="Moderation" rejected={list.isError} onToken={keepToken} />;
  }

  const comments = list.data?.pages.flatMap((page) => page.comments) ?? [];
  const counts = list.data?.pages.at(-1)?.counts;
  const chosen = comments.filter((comment) => selected.has(comment.id)).map((comment) => comment.id);
  const allChosen = comments.length > 0 && chosen.length === comments.length;
  const viewLabel = VIEWS.find((view) => view.status === status)?.label;
  const filtered = filter.story !== undefined || filter.search !== undefined;
  return (
    <>
      <title>{title}</title>
      <PageHeading className="page-title">Moderation</PageHeading>
      <div className="moderation-toolbar">
        <div role="group" aria-label="Show comments">
          {VIEWS.map((view) => (
            <button
              key={view.status}
              type="button"
              className={!showAudit && view.status === status ? 'button' : 'button button-secondary'}
              aria-pressed={!showAudit && view.status === status}
              onClick={() => {
                setStatus(view.status);
                setShowAudit(false);
                setSelected(new Set());
              }}
            >
              {view.label}
              {counts && ` (${thousands(counts[view.status])})`}
            </button>
          ))}
          <button
            type="button"
            className={showAudit ? 'button' : 'button button-secondary'}
            aria-pressed={showAudit}
            onClick={() => setShowAudit(true)}
          >
            Audit list
          </button>
        </div>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            keepToken(null);
          }}
        >
          Sign out
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {showAudit ? (
        <AuditList token={token} />
      ) : (
        <>
          <div className="moderation-heading">
            <h2>
              {viewLabel} comments{counts && `: ${thousands(counts[status])}`}
            </h2>
            <QueueSearch filter={filter} onFilter={narrow} />
          </div>
          {filtered && list.isSuccess && (
            <p className="moderation-matches" role="status">
              {list.hasNextPage ? `More than ${comments.length}` : thousands(comments.length)} of them match.
            </p>
          )}
          {list.isPending && <p role="status">Loading comments…</p>}
          {list.isError && list.data === undefined && (
            <LoadError what="the comments" error={list.error} onRetry={() => void list.refetch()} />
          )}
          {list.isSuccess && comments.length === 0 && (
            <p>{filtered ? 'No comment here matches.' : 'Nothing here. All caught up.'}</p>
          )}
          {comments.length > 0 && (
            <>
              <div className="moderation-bulk" role="group" aria-label="Act on the selected comments">
                <label>
                  <input
                    type="checkbox"
                    checked={allChosen}
                    onChange={() => setSelected(allChosen ? new Set() : new Set(comments.map((comment) => comment.id)))}
                  />
                  Select all {comments.length} shown
                </label>
                <span aria-live="polite">{chosen.length} selected</span>
                {BULK.filter((choice) => choice.status !== status).map((choice) => (
                  <button
                    key={choice.action}
                    type="button"
                    className={choice.action === 'approve' ? 'button' : 'button button-secondary'}
                    disabled={chosen.length === 0 || bulk.isPending}
                    onClick={() => bulk.mutate({ ids: chosen, action: choice.action })}
                  >
                    {choice.label}
                  </button>
                ))}
              </div>
              <ol className="moderation-list">
                {comments.map((comment) => (
                  <ModerationItem
                    key={comment.id}
                    comment={comment}
                    busy={(action.isPending && action.variables?.id === comment.id) || bulk.isPending}
                    selected={selected.has(comment.id)}
                    onSelect={(checked) =>
                      setSelected((current) => {
                        const next = new Set(current);
                        if (checked) next.add(comment.id);
                        else next.delete(comment.id);
                        return next;
                      })
                    }
                    onAction={(kind) => action.mutate({ id: comment.id, action: kind, name: comment.name })}
                    onStory={() => narrow({ ...filter, story: comment.story })}
                  />
                ))}
              </ol>
              <LoadMore
                query={list}
                what="more comments"
                label="More comments"
                loadingLabel="Loading more comments…"
                className="button more-button"
              />
            </>
          )}
        </>
      )}
    </>
  );
}
