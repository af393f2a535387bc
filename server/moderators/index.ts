/** The moderators folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { moderatorsEmail } from './fromConfig';
export { manageModerators } from './manage';
export { OPERATOR, hashToken } from './tokens';
