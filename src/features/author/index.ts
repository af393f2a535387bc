export { authorQueries } from './queries';
export { AuthorCard } from './AuthorCard';
export { AuthorPage } from './AuthorPage';
