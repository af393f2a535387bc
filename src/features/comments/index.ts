export { CommentsRegion, preloadCommentsCode } from './CommentsRegion';
export { CommentText } from './CommentText';
export { commentQueries } from './queries';
export { CommentFormResult } from './formResult';
