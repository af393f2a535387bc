export { CommentsRegion } from './CommentsRegion';
export { CommentText } from './CommentText';
export { commentQueries } from './queries';
export { CommentFormResult } from './formResult';
