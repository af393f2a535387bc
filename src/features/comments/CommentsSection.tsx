import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../lib/LoadError';
import { LoadMore, usePageCursor } from '../../lib/LoadMore';
import type { PostedComment, PublicComment } from '../../schema';
import { CommentForm } from './CommentForm';
import { CommentThread } from './CommentThread';
import { CommentFormResult } from './formResult';
import { useLatestCommentCount } from './newComments';
import { saveOwnPending, useOwnPending } from './ownComments';
import { commentQueries } from './queries';
import { buildThread } from './thread';

interface Props {
  slug: string;
  /** Approved comments as the story knew them: shown in the heading until the list loads. */
  initialCount: number;
  /** Tells the rest of the page (comment counts) that an approved comment was added. */
  onApprovedComment?: () => void;
  /** Ask the server now and then for comments approved since the page loaded (a live story's page tells it). */
  watchForNew?: boolean;
}

export function CommentsSection({ slug, initialCount, onApprovedComment, watchForNew = true }: Props) {
  const queryClient = useQueryClient();
  const comments = useInfiniteQuery(commentQueries.list(slug, usePageCursor()));
  const approved = comments.data?.pages.flatMap((page) => page.comments) ?? [];
  // A comment posted with the plain form (no JavaScript), answered by the server with this page.
  const result = useContext(CommentFormResult);
  const formResult = result?.slug === slug ? result : undefined;
  const [searchParams] = useSearchParams();
  const [initialReply] = useState(() => {
    // A reply link followed without JavaScript (?replytocom=ID), or a refused reply sent back to be mended.
    const id = formResult && !formResult.posted ? formResult.values.parentId : Number(searchParams.get('replytocom'));
    const parent = approved.find((comment) => comment.id === id);
    return parent ? { id: parent.id, name: parent.name } : null;
  });
  const [replyTo, setReplyTo] = useState(initialReply);
  const storedPending = useOwnPending(slug);
  // Kept in state too, so a reader whose browser refuses storage still sees what they just posted.
  const [postedNow, setPostedNow] = useState<PublicComment[]>(() =>
    formResult?.posted && formResult.posted.status !== 'approved' ? [formResult.posted.comment] : [],
  );
  const ownPending = [
    ...storedPending,
    ...postedNow.filter((posted) => !storedPending.some((stored) => stored.id === posted.id)),
  ];

  const total = comments.data?.pages[0]?.total ?? initialCount;
  const thread = buildThread(approved, ownPending);
  const latest = useLatestCommentCount(slug, initialCount, watchForNew);
  const newCount = comments.isSuccess ? Math.max(0, latest - total) : 0;
  const newLabel = `${newCount} new ${newCount === 1 ? 'comment' : 'comments'}`;

  /** Reads the list again: new comments take their places in the thread; the reader's pending ones stay. */
  function showNew() {
    void queryClient.invalidateQueries({ queryKey: commentQueries.list(slug).queryKey });
    document.getElementById('comments')?.focus();
  }

  function handlePosted(posted: PostedComment) {
    const previousReply = replyTo;
    setReplyTo(null);
    if (posted.status === 'approved') {
      void queryClient.invalidateQueries({ queryKey: commentQueries.list(slug).queryKey });
      onApprovedComment?.();
    } else {
      setPostedNow((current) => [...current, posted.comment]);
      saveOwnPending(slug, [...storedPending, posted.comment]);
    }
    // Bring the reader to their new comment once it is in the list.
    requestAnimationFrame(() => {
      const target =
        document.getElementById(`comment-${posted.comment.id}`) ??
        document.getElementById(`comment-${previousReply?.id}`);
      target?.scrollIntoView({ block: 'nearest' });
    });
  }

  function cancelReply() {
    const id = replyTo?.id;
    setReplyTo(null);
    requestAnimationFrame(() => document.getElementById(`reply-to-${id}`)?.focus());
  }

  function startReply(id: number, name: string) {
    setReplyTo({ id, name });
    requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(`#comment-${id} textarea`)?.focus());
  }

  const form = (target: typeof replyTo) => (
    <CommentForm
      key={`${slug}:${target?.id ?? 'top'}`}
      slug={slug}
      replyTo={target}
      // The form the page opened with reports what happened to the comment sent from it without JavaScript.
      result={(target?.id ?? null) === (initialReply?.id ?? null) ? formResult : undefined}
      onCancelReply={cancelReply}
      onPosted={handlePosted}
    />
  );

  return (
    <section id="comments" className="comments" aria-labelledby="comments-heading" tabIndex={-1}>
      <h2 id="comments-heading">Comments ({total})</h2>
      {comments.isError && comments.data === undefined && (
        <LoadError what="the comments" error={comments.error} onRetry={() => void comments.refetch()} />
      )}
      {comments.isPending && <p role="status">Loading comments…</p>}
      {thread.length > 0 ? (
        <ol className="comment-list">
          <CommentThread
            nodes={thread}
            replyingTo={replyTo?.id ?? null}
            onReply={startReply}
            renderReplyForm={() => form(replyTo)}
          />
        </ol>
      ) : (
        comments.isSuccess && <p className="comments-empty">No comments yet. Start the conversation.</p>
      )}
      <LoadMore
        query={comments}
        what="more comments"
        label="Show more comments"
        loadingLabel="Loading more comments…"
        className="button button-secondary"
        anchor="comments"
      />
      {replyTo === null && form(null)}
      <p className="visually-hidden" aria-live="polite">
        {newCount > 0 ? newLabel : ''}
      </p>
      {newCount > 0 ? (
        <button type="button" className="new-items-button comments-new" onClick={showNew}>
          {newLabel}
        </button>
      ) : null}
    </section>
  );
}
