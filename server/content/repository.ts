import type { Changes } from '../changes/bus';
import type { ContentWrites, Store } from '../store';

export { ContentConflict, ContentInvalid } from '../store';
export type { ContentSource, SyncBatch, SyncReport, WriteBatch, WriteResult } from '../store';
export type ContentRepository = ContentWrites;

/** Stories and authors as every source publishes them, announcing each change on `changes`. */
export const createContentRepository = (store: Store, changes: Changes): ContentRepository => store.content(changes);
