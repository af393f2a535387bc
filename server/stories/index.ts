/** The stories folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { storyRoutes } from './routes';
export { announceSectionNameChanges } from './sectionNames';
