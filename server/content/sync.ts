import { createChanges, type Changes } from '../changes';
import type { Store } from '../store';
import type { Content } from './read';
import { createContentRepository, type ContentRepository, type SyncReport } from './repository';

export type { SyncReport };
export { excerptOf, readingMinutes } from './stored';

/**
 * Makes the database's file-published stories and authors match the content files, in one transaction.
 * Running it twice changes nothing. A story whose file disappeared is withdrawn rather than deleted, so its
 * comments survive its return; one whose file is refused keeps its last good version until the file is mended.
 * Stories the publishing API or WordPress published are left alone.
 */
export function syncContent(target: Store | ContentRepository, content: Content, changes: Changes = createChanges()) {
  const repository = 'syncSource' in target ? target : createContentRepository(target, changes);
  return repository.syncSource('files', {
    authors: content.authors,
    stories: content.stories,
    keep: content.refusedStories,
  });
}
