export { sectionQueries } from './queries';
export { SectionPage } from './SectionPage';
export { HeaderSections } from './HeaderSections';
