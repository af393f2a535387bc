import { loadable } from '../../lib/loadable';

export { tagQueries } from './queries';
/** The page's code loads when a tag's page is first opened: a story's first visit carries only its tag links. */
export const TagPage = loadable(async () => (await import('./TagPage')).TagPage);
