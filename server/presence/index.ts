/** The presence folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { startPresence } from './heartbeat';
