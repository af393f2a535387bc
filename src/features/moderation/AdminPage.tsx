import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api';
import { LoadError } from '../../lib/LoadError';
import { PageHeading } from '../../lib/PageHeading';
import { useSite } from '../../lib/site';
import type { CommentStatus } from '../../schema';
import { ModerationItem } from './ModerationItem';
import { moderate, moderationQueries, type ModerationAction } from './queries';
import { TokenForm } from './TokenForm';

const TOKEN_KEY = 'byline:admin-token';
const VIEWS: { status: CommentStatus; label: string }[] = [
  { status: 'pending', label: 'Pending' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
];
const DONE: Record<ModerationAction, string> = { approve: 'Approved', spam: 'Marked as spam', trash: 'Moved to trash' };

/** This page only ever renders in the browser (it is loaded on demand), so it may read sessionStorage. */
function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function keepToken(token: string | null) {
  try {
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Without session storage the token lasts as long as this page.
  }
}

const isAuthError = (error: unknown) =>
  error instanceof ApiRequestError && (error.status === 401 || error.status === 403);

export function AdminPage() {
  const queryClient = useQueryClient();
  const title = `Moderation — ${useSite().name}`;
  const [token, setToken] = useState<string | null>(storedToken);
  const [rejected, setRejected] = useState(false);
  const [status, setStatus] = useState<CommentStatus>('pending');
  const [announcement, setAnnouncement] = useState('');
  const list = useQuery({ ...moderationQueries.list(token ?? '', status), enabled: token !== null });

  const action = useMutation({
    mutationFn: ({ id, action }: { id: number; action: ModerationAction; name: string }) =>
      moderate(token!, id, action),
    onSuccess: (_result, { action, name }) => {
      setAnnouncement(`${DONE[action]}: the comment by ${name}.`);
      void queryClient.invalidateQueries({ queryKey: ['moderation'] });
      void queryClient.invalidateQueries({ queryKey: ['comments'] });
      void queryClient.invalidateQueries({ queryKey: ['story'] });
    },
    onError: (error) =>
      setAnnouncement(error instanceof ApiRequestError ? error.message : 'That did not work. Please try again.'),
  });

  if (token === null || (list.isError && isAuthError(list.error))) {
    return (
      <>
        <title>{title}</title>
        <PageHeading className="page-title">Moderation</PageHeading>
        <TokenForm
          rejected={rejected || list.isError}
          onToken={(value) => {
            keepToken(value);
            setRejected(false);
            setToken(value);
          }}
        />
      </>
    );
  }

  const comments = list.data?.comments ?? [];
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
              className={view.status === status ? 'button' : 'button button-secondary'}
              aria-pressed={view.status === status}
              onClick={() => setStatus(view.status)}
            >
              {view.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            keepToken(null);
            setToken(null);
          }}
        >
          Sign out
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <h2>{VIEWS.find((view) => view.status === status)?.label} comments</h2>
      {list.isPending && <p role="status">Loading comments…</p>}
      {list.isError && <LoadError what="the comments" error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && comments.length === 0 && <p>Nothing here. All caught up.</p>}
      {comments.length > 0 && (
        <ol className="moderation-list">
          {comments.map((comment) => (
            <ModerationItem
              key={comment.id}
              comment={comment}
              busy={action.isPending && action.variables?.id === comment.id}
              onAction={(kind) => action.mutate({ id: comment.id, action: kind, name: comment.name })}
            />
          ))}
        </ol>
      )}
    </>
  );
}
