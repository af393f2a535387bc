export { accentProblems, accentStyle } from './accent';
export { loadSiteIcons } from './sourceIcons';
