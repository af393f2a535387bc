/** Search for readers: the API, the page's query and the OpenSearch description (the index is the store's). */
export { openSearchRoute } from './opensearch';
export { SEARCH_PARAMS } from './read';
export { searchRoutes } from './routes';
