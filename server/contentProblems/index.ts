/** The contentProblems folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { recordFileProblems, wordpressProblems } from './record';
export { contentProblemRoutes } from './routes';
export type { WordPressProblems } from './record';
