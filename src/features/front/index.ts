export { frontQueries } from './queries';
export { FrontPage } from './FrontPage';
