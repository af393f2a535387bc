export { sectionQueries } from './queries';
export { SectionNav } from './SectionNav';
export { SectionPage } from './SectionPage';
