export { accentProblems, accentStyle } from './accent';
