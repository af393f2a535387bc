export { CommentsSection } from './CommentsSection';
export { commentQueries } from './queries';
export { CommentText } from './CommentText';
