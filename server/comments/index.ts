/** The comments folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { adminRoutes, MODERATION_PATHS } from './admin';
export { createCommentRepository } from './repository';
export { type CommentPoster, TOO_LARGE, commentRoutes, createCommentPoster } from './routes';
