import { Link } from 'react-router';
import { LocalTime } from '../../lib/LocalTime';
import type { ModerationComment } from '../../schema';
import { CommentText } from '../comments';
import type { ModerationAction } from './queries';

const ACTIONS: { action: ModerationAction; label: string; when: (status: ModerationComment['status']) => boolean }[] = [
  { action: 'approve', label: 'Approve', when: (status) => status !== 'approved' },
  { action: 'spam', label: 'Spam', when: (status) => status !== 'spam' },
  { action: 'trash', label: 'Trash', when: (status) => status !== 'trash' },
];

interface Props {
  comment: ModerationComment;
  busy: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onAction: (action: ModerationAction) => void;
}

export function ModerationItem({ comment, busy, selected, onSelect, onAction }: Props) {
  const titleId = `moderation-${comment.id}`;
  return (
    <li className="moderation-item">
      <input
        type="checkbox"
        className="moderation-select"
        id={`select-${comment.id}`}
        checked={selected}
        onChange={(event) => onSelect(event.target.checked)}
        aria-label={`Select the comment by ${comment.name}`}
      />
      <article aria-labelledby={titleId}>
        <h3 id={titleId} className="moderation-title">
          {comment.name} on <Link to={`/stories/${comment.story.slug}`}>{comment.story.headline}</Link>
        </h3>
        <p className="comment-date">
          <LocalTime iso={comment.createdAt} format="datetime" /> · comment #{comment.id}
        </p>
        <dl className="moderation-sender">
          <dt>Email</dt>
          <dd>
            <a href={`mailto:${comment.email}`}>{comment.email}</a>
          </dd>
          <dt>Website</dt>
          <dd>{comment.website ?? 'none'}</dd>
          <dt>Browser</dt>
          <dd>{comment.userAgent || 'not sent'}</dd>
          <dt>IP hash</dt>
          <dd>
            <code title={comment.ipHash}>{comment.ipHash.slice(0, 12)}</code>
          </dd>
        </dl>
        {comment.parent && (
          <blockquote className="moderation-parent">
            <p>
              In reply to {comment.parent.name} (#{comment.parent.id}): {comment.parent.text}
            </p>
          </blockquote>
        )}
        <div className="comment-text">
          <CommentText text={comment.text} />
        </div>
        <div className="comment-form-actions">
          {ACTIONS.filter(({ when }) => when(comment.status)).map(({ action, label }) => (
            <button
              key={action}
              type="button"
              className={action === 'approve' ? 'button' : 'button button-secondary'}
              aria-label={`${label} the comment by ${comment.name}`}
              disabled={busy}
              onClick={() => onAction(action)}
            >
              {label}
            </button>
          ))}
        </div>
      </article>
    </li>
  );
}
