export { SaveButton } from './SaveButton';
export { SavedPage } from './LazySavedPage';
export type { SaveableStory, SavedStory } from './list';
