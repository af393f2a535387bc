/** The changes folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { type Changes, createChanges } from './bus';
export { purgeCdnOnChange } from './cdnPurge';
export { type KeyClock, createKeyClock } from './keyClock';
export {
  type ChangeKey,
  answerKeys,
  changeKey,
  keyTarget,
  readChangeKey,
  shownKeys,
  surrogateKeyHeaders,
} from './keys';
