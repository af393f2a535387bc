export { accentProblems, accentStyle } from './accent';
export { sourceIcons } from './sourceIcons';
