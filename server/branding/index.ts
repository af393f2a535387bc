export { accentProblems, accentStyle } from './accent';
export { accentPair } from './accent';
export { contrast, parseHex } from './colour';
