import { Link } from 'react-router';
import { LocalTime } from '../../lib/LocalTime';
import type { ModerationComment } from '../../schema';
import { CommentText } from '../comments';
import type { ModerationAction } from './queries';

const ACTIONS: { action: ModerationAction; label: string; when: (status: ModerationComment['status']) => boolean }[] = [
  { action: 'approve', label: 'Approve', when: (status) => status !== 'approved' },
  { action: 'spam', label: 'Spam', when: (status) => status !== 'spam' },
  { action: 'trash', label: 'Trash', when: () => true },
];

interface Props {
  comment: ModerationComment;
  busy: boolean;
  onAction: (action: ModerationAction) => void;
}

export function ModerationItem({ comment, busy, onAction }: Props) {
  return (
    <li className="moderation-item">
      <article aria-labelledby={`moderation-${comment.id}`}>
        <h3 id={`moderation-${comment.id}`} className="moderation-title">
          {comment.name} on <Link to={`/stories/${comment.story.slug}`}>{comment.story.headline}</Link>
        </h3>
        <p className="comment-date">
          <LocalTime iso={comment.createdAt} format="datetime" />
          {comment.website && <> · website: {comment.website}</>}
          {comment.parentId !== null && <> · a reply to comment #{comment.parentId}</>}
        </p>
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
