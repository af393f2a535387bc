/** The live folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { liveRoutes } from './routes';
export { createLiveEvents, type LiveEvents } from './events';
export { liveEventRoutes } from './eventRoutes';
