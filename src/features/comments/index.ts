export { CommentsRegion, preloadCommentsCode } from './CommentsRegion';
export { CommentText } from './CommentText';
export { commentQueries } from './queries';
export { tellLatestCommentCount } from './newComments';
export { CommentFormResult } from './formResult';
