import { createHash, randomBytes } from 'node:crypto';
import type { CommentStatus, PublicComment } from '../../src/schema';
import type { Changes } from '../changes';
import { changeKey } from '../changes';
import type { CommentDecision, DecisionRecord, NewComment, Store } from '../store';

export type { CommentDecision, EarlierPost, NewComment } from '../store';


/** IPs are stored only as a salted hash: enough to spot a flood, useless to anyone who copies the database. */
async function ipSalt(settings: Store['settings']): Promise<string> {
  return (
    (await settings.get('ip_salt')) ??
    // Another server may be doing the same at this moment: whichever insert lands first is everyone's salt.
    settings.putIfAbsent('ip_salt', randomBytes(32).toString('hex'))
  );
}

/**
 * `changes` hears whenever what readers see changes: an approved comment, a moderation decision. `onHeld` hears
 * when a post was told it waits for a moderator (the moderators' email).
 */
export function createCommentRepository(store: Store, changes: Changes, onHeld?: () => void) {
  const comments = store.comments;
  let salt: Promise<string> | undefined;

  return {
    ...comments,

    async hashIp(ip: string) {
      salt ??= ipSalt(store.settings).catch((error: unknown) => {
        salt = undefined; // the database may be back next time
        throw error;
      });
      return createHash('sha256')
        .update(await salt)
        .update(ip)
        .digest('hex');
    },

    async insert(comment: NewComment) {
      const inserted = await comments.insert(comment);
      if (comment.status === 'approved') changes.publish([changeKey.comments(comment.storySlug)]);
      return inserted;
    },

    /** What the decision publishes is announced once it has committed (an outcome with a comment names its `storySlug`). */
    async decide<T extends { comment?: PublicComment; status?: CommentStatus; storySlug?: string }>(
      work: (decision: CommentDecision) => Promise<T>,
    ): Promise<T> {
      const outcome = await comments.decide(work);
      if (outcome.status === 'approved' && outcome.comment) changes.publish([changeKey.comments(outcome.storySlug!)]);
      if (outcome.status === 'pending' && outcome.comment) onHeld?.();
      return outcome;
    },

    async setStatus(id: number, status: CommentStatus, record?: DecisionRecord): Promise<PublicComment | undefined> {
      const changed = await comments.setStatus(id, status, record);
      if (!changed) return undefined;
      changes.publish([changeKey.comments(changed.storySlug)]);
      return changed.comment;
    },

    /** Sets one status on several comments; tells the caches of every story whose readers see a difference. */
    async setStatusMany(ids: readonly number[], status: CommentStatus, record?: DecisionRecord): Promise<number[]> {
      const changed = await comments.setStatusMany(ids, status, record);
      changes.publish(changed.storySlugs.map(changeKey.comments));
      return changed.ids;
    },
  };
}

export type CommentRepository = ReturnType<typeof createCommentRepository>;
