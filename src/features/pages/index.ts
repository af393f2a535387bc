import { loadable } from '../../lib/loadable';

export { pageQueries } from './queries';
/** The page's code loads when a standing page is first opened: no other route carries it. */
export const StandingPage = loadable(async () => (await import('./StandingPage')).StandingPage);
