export { LiveCoverage } from './LiveCoverage';
export { liveQueries, pageParam } from './queries';
export { useLiveJsonLd } from './useLiveJsonLd';
