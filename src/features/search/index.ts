export { searchQueries, searchParamsOf } from './queries';
export { SearchForm } from './SearchForm';
export { SearchPage } from './SearchPage';
