import { useSyncExternalStore } from 'react';
import { parseSaved, readSavedRaw, subscribeToSaved } from './list';

export * from './list';

/** The saved stories: none on the server and during hydration, then this browser's list, kept current. */
export const useSavedStories = () => parseSaved(useSyncExternalStore(subscribeToSaved, readSavedRaw, () => null));
