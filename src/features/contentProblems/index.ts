export { ContentProblemsPage } from './ContentProblemsPage';
