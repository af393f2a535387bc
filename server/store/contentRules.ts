import type { AuthorFile, StoryFile } from '../../src/schema';
import type { ContentSource } from './tables';

export type { ContentSource };
export type WriteResult = 'created' | 'updated' | 'unchanged';

const SOURCE_NAMES: Record<ContentSource, string> = {
  files: 'the content files',
  api: 'the publishing API',
  wordpress: 'WordPress',
};

/**
 * A live story or an author belongs to the source that published it; another source may not overwrite it.
 * (A withdrawn story may be published again by any source.)
 */
export class ContentConflict extends Error {
  constructor(
    readonly kind: 'story' | 'author' | 'page',
    readonly id: string,
    readonly owner: ContentSource,
  ) {
    super(`The ${kind} "${id}" is published from ${SOURCE_NAMES[owner]}; only that source can change it.`);
  }
}

/** What a story names does not exist: each fault is keyed by its JSON path in the story (`related[2]`). */
export class ContentInvalid extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(
      Object.entries(fields)
        .map(([path, message]) => `${path}: ${message}`)
        .join('; '),
    );
  }
}

export interface WriteBatch {
  authors: readonly AuthorFile[];
  stories: readonly StoryFile[];
  /** The hash of the file each story was read from, kept so that an unchanged file is not parsed again. */
  fileHashes?: ReadonlyMap<string, string>;
}

export interface SyncBatch extends WriteBatch {
  /** Stories this source still has but did not send (a broken or unchanged file): they stay as they are. */
  keep: readonly string[];
}

export interface SyncReport {
  added: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  /** Stories and authors left as they are because another source owns them. */
  conflicts: ContentConflict[];
}

const SOURCES = Object.keys(SOURCE_NAMES) as ContentSource[];
export const otherSources = (source: ContentSource) => SOURCES.filter((other) => other !== source);
