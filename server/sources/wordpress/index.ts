/** The WordPress content source: what the server wires up (see README.md beside this file). */
export { createWordPressClient, WordPressError, type WordPressClient, type WordPressClientOptions } from './client';
export { permalinkTarget, type PermalinkLookup } from './permalinks';
export { signPreview, verifyPreview, type PreviewCheck } from './preview';
export { loadPreview, PreviewStory, type PreviewResult } from './previewStory';
export {
  syncWordPress,
  type StoryChange,
  type SyncOptions,
  type SyncReport,
  type WordPressSink,
} from './sync';
