import { loadable } from '../../lib/loadable';

/**
 * Only live stories show it, so its code (the entries, polling and the update stream) stays out of every other
 * story's first visit; the server loads it before rendering, and a live story's page hydrates once it arrives.
 */
export const LiveCoverage = loadable(async () => (await import('./LiveCoverage')).LiveCoverage);
export { liveQueries, pageParam } from './queries';
export { useLiveJsonLd } from './useLiveJsonLd';
