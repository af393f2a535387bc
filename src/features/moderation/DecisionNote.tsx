import { LocalTime } from '../../lib/LocalTime';
import type { ModerationDecision } from '../../schema';

const DONE: Record<string, string> = { approve: 'Approved', spam: 'Marked as spam', trash: 'Trashed' };

/** "Approved by alice, 7 December 2026, 16:30": who made the latest decision, and when. */
export function DecisionNote({ decision }: { decision: ModerationDecision }) {
  return (
    <span className="moderation-decision">
      {DONE[decision.action] ?? decision.action} by <strong>{decision.moderator}</strong>,{' '}
      <LocalTime iso={decision.decidedAt} format="datetime" />
    </span>
  );
}
