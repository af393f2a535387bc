/** The publishing folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { publishingRoutes } from './routes';
export { pagePublishingRoutes } from './pages';
