import { MAX_THREAD_DEPTH } from '../../schema/limits';
import type { PublicComment } from '../../schema';

export interface ThreadNode {
  comment: PublicComment;
  pending: boolean;
  depth: number;
  replies: ThreadNode[];
}

/**
 * Builds the reply tree, oldest first at every level. A reply whose parent is not shown (not loaded yet, or
 * no longer approved) goes to the top level rather than vanishing.
 */
export function buildThread(approved: PublicComment[], ownPending: PublicComment[]): ThreadNode[] {
  const approvedIds = new Set(approved.map((comment) => comment.id));
  const all = [
    ...approved.map((comment) => ({ comment, pending: false })),
    ...ownPending.filter((comment) => !approvedIds.has(comment.id)).map((comment) => ({ comment, pending: true })),
  ].sort((a, b) => a.comment.id - b.comment.id);

  const nodes = new Map<number, ThreadNode>();
  const roots: ThreadNode[] = [];
  for (const { comment, pending } of all) {
    const parent = comment.parentId === null ? undefined : nodes.get(comment.parentId);
    const node: ThreadNode = {
      comment,
      pending,
      depth: parent ? Math.min(parent.depth + 1, MAX_THREAD_DEPTH) : 1,
      replies: [],
    };
    nodes.set(comment.id, node);
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}
