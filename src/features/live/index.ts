export { LiveCoverage } from './LiveCoverage';
export { liveQueries, pageParam } from './queries';
