export const commentCountText = (count: number) => (count === 1 ? '1 comment' : `${count} comments`);

export function CommentCount({ count }: { count: number }) {
  return <span className="comment-count">{commentCountText(count)}</span>;
}
