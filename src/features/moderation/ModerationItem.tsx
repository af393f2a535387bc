import { Link } from 'react-router';
import { LocalTime } from '../../lib/LocalTime';
import type { ModerationComment } from '../../schema';
import { CommentText } from '../comments';
import { DecisionNote } from './DecisionNote';
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
  /** Narrows the queue to this comment's story. */
  onStory: () => void;
}

/**
 * One comment in a compact row (a queue screen shows eight or more): who, where, what, and the buttons. Nothing
 * the commenter wrote is a link here, not the text, the website nor the email: links wait for a decision.
 */
export function ModerationItem({ comment, busy, selected, onSelect, onAction, onStory }: Props) {
  const titleId = `moderation-${comment.id}`;
  const links = comment.links ?? 0;
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
        <div className="moderation-line">
          <span className="moderation-meta">
            <LocalTime iso={comment.createdAt} format="datetime" /> · #{comment.id}
            {links > 0 && (
              <>
                {' · '}
                <strong className="moderation-links">
                  {links} link{links === 1 ? '' : 's'}
                </strong>
              </>
            )}
            {comment.decision && (
              <>
                {' · '}
                <DecisionNote decision={comment.decision} />
              </>
            )}
          </span>
          <button
            type="button"
            className="button-link moderation-story-filter"
            aria-label={`This story only: ${comment.story.headline}`}
            onClick={onStory}
          >
            This story only
          </button>
          <dl className="moderation-sender">
            <dt>Email</dt>
            <dd>{comment.email}</dd>
            <dt>Website</dt>
            <dd>{comment.website ?? 'none'}</dd>
            <dt>Browser</dt>
            <dd className="moderation-agent" title={comment.userAgent || undefined}>
              {comment.userAgent || 'not sent'}
            </dd>
            <dt>IP hash</dt>
            <dd>
              <code title={comment.ipHash}>{comment.ipHash.slice(0, 12)}</code>
            </dd>
          </dl>
        </div>
        {comment.parent && (
          <p className="moderation-parent">
            In reply to {comment.parent.name} (#{comment.parent.id}): {comment.parent.text}
          </p>
        )}
        <div className="comment-text moderation-text">
          <CommentText text={comment.text} inertLinks />
        </div>
      </article>
      <div className="moderation-actions">
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
    </li>
  );
}
