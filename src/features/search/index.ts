import { loadable } from '../../lib/loadable';

export { searchQueries, searchParamsOf } from './queries';
export { SearchForm } from './SearchForm';
/** The page's code loads when a search is first opened: the header's box is all other pages carry. */
export const SearchPage = loadable(async () => (await import('./SearchPage')).SearchPage);
