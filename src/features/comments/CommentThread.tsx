import type { ReactNode } from 'react';
import { MAX_THREAD_DEPTH } from '../../schema/limits';
import { CommentItem } from './CommentItem';
import type { ThreadNode } from './thread';

interface Props {
  nodes: ThreadNode[];
  replyingTo: number | null;
  onReply: (id: number, name: string) => void;
  renderReplyForm: () => ReactNode;
}

export function CommentThread({ nodes, replyingTo, onReply, renderReplyForm }: Props) {
  return nodes.map((node) => (
    <CommentItem
      key={node.comment.id}
      comment={node.comment}
      awaitingModeration={node.pending}
      canReply={!node.pending && node.depth < MAX_THREAD_DEPTH}
      onReply={() => onReply(node.comment.id, node.comment.name)}
      form={replyingTo === node.comment.id ? renderReplyForm() : undefined}
    >
      {node.replies.length > 0 && (
        <ol className="comment-replies">
          <CommentThread
            nodes={node.replies}
            replyingTo={replyingTo}
            onReply={onReply}
            renderReplyForm={renderReplyForm}
          />
        </ol>
      )}
    </CommentItem>
  ));
}
