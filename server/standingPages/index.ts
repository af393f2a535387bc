/** The standing pages folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { standingPageRoutes } from './routes';
