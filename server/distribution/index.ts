/** The distribution folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { feedLink } from './feedLink';
export { encodePng } from './png';
export { distributionRoutes } from './routes';
export { type Icons } from './icons';
export { builtImageBytes } from './imageBytes';
export { encodeIco } from './png';
export { loadSiteIcons } from './sourceIcons';
