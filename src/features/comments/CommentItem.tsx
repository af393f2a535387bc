import type { ReactNode } from 'react';
import { LocalTime } from '../../lib/LocalTime';
import type { PublicComment } from '../../schema';
import { CommentAvatar } from './CommentAvatar';
import { CommentText } from './CommentText';

interface Props {
  comment: PublicComment;
  awaitingModeration: boolean;
  canReply: boolean;
  onReply: () => void;
  /** The reply form, when the reader is replying to this comment. */
  form?: ReactNode;
  /** Nested replies. */
  children?: ReactNode;
}

export function CommentItem({ comment, awaitingModeration, canReply, onReply, form, children }: Props) {
  const headingId = `comment-${comment.id}-author`;
  return (
    <li className="comment" id={`comment-${comment.id}`}>
      <article aria-labelledby={headingId}>
        <header className="comment-meta">
          <CommentAvatar name={comment.name} />
          <div>
            <p id={headingId} className="comment-author">
              {comment.website ? (
                <a href={comment.website} rel="nofollow ugc noopener">
                  {comment.name}
                </a>
              ) : (
                comment.name
              )}
            </p>
            <p className="comment-date">
              <LocalTime iso={comment.createdAt} format="datetime" />
            </p>
          </div>
        </header>
        {awaitingModeration && <p className="comment-pending">Your comment is awaiting moderation.</p>}
        <div className="comment-text">
          <CommentText text={comment.text} />
        </div>
        {canReply && !form && (
          // A link, as on WordPress: without JavaScript the page comes back with the form under this comment.
          <a
            href={`?replytocom=${comment.id}#respond`}
            className="button-link comment-reply"
            id={`reply-to-${comment.id}`}
            aria-label={`Reply to ${comment.name}`}
            onClick={(event) => {
              event.preventDefault();
              onReply();
            }}
          >
            Reply
          </a>
        )}
      </article>
      {form}
      {children}
    </li>
  );
}
