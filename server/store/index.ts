import type { Changes } from '../changes/bus';
import { startClusterChannel, type ClusterChannel } from './clusterChannel';
import { syncOnceAcrossCluster } from './clusterLock';
import { commentStore } from './comments';
import { contentWrites } from './content';
import { feedReads } from './feeds';
import { healthChecks } from './health';
import { imageReads } from './images';
import { liveReads } from './liveEntries';
import { connect, migrate, type Connection, type StoreOptions } from './open';
import { settingsStore } from './settings';
import { storyReads } from './stories';
import { wordpressStore } from './wordpressPosts';

export type { ClusterChannel } from './clusterChannel';
export type { ClusterLock, SyncOnceOptions } from './clusterLock';
export type { StoreOptions } from './open';
export type { CommentDecision, EarlierPost, NewComment } from './comments';
export type { ContentWrites } from './content';
export {
  ContentConflict,
  ContentInvalid,
  type ContentSource,
  type SyncBatch,
  type SyncReport,
  type WriteBatch,
  type WriteResult,
} from './contentRules';
export type { PageRequest } from './stories';
export type { LiveReads } from './liveEntries';
export type { NewestFilter } from './feeds';
export type { StoredAuthor, StoredStory, StoredSummary } from './storedStory';
export type { Engine } from './tables';
export { isDatabaseUnavailable } from './unavailable';

/**
 * Byline's data: every query and every difference between SQLite and PostgreSQL lives behind these abilities,
 * so callers never see the engine or the query builder. (`engine` and `db` stay on the object for the store's
 * own tests and helpers; lint keeps the rest of the server off them.)
 */
function withAbilities(connection: Connection, options: StoreOptions) {
  const { db, engine } = connection;
  return {
    ...connection,
    /** Where the data lives, for the start-up log. */
    describe: () => (engine === 'postgres' ? 'PostgreSQL' : `SQLite at ${options.dbPath}`),
    /**
     * The one writer of stories and authors (content files, the publishing API and WordPress all publish through
     * it); `changes` hears every key a write touched once it has committed.
     */
    content: (changes: Pick<Changes, 'publish'>) => contentWrites(db, changes),
    stories: storyReads(db),
    /** What the feeds and sitemaps read: published stories only, newest first. */
    feeds: feedReads(db),
    images: imageReads(db),
    /** Live stories' entries as readers' pages read them, and what changed after a revision. */
    live: liveReads(db),
    comments: commentStore(db, engine),
    settings: settingsStore(db),
    wordpress: wordpressStore(db),
    health: healthChecks(db),
    cluster: {
      syncOnce: syncOnceAcrossCluster(db, engine),
      /** Relays change keys between the servers of a cluster; undefined on SQLite, which serves alone. */
      startChannel: (channel: {
        changes: Changes;
        log?: (message: string) => void;
        connectTimeoutMs?: number;
      }): ClusterChannel | undefined =>
        options.databaseUrl ? startClusterChannel({ ...channel, url: options.databaseUrl, db }) : undefined,
    },
  };
}

export type Store = ReturnType<typeof withAbilities>;

/** Connects to the engine the settings choose; nothing is read or written until the first query or `migrate`. */
export function createStore(options: StoreOptions): Store & { migrate(): Promise<void> } {
  const connection = connect(options);
  return { ...withAbilities(connection, options), migrate: () => migrate(connection) };
}

/** Opens the engine the settings choose and brings its schema up to date (several servers may do so at once). */
export async function openStore(options: StoreOptions): Promise<Store> {
  const connection = connect(options);
  try {
    await migrate(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return withAbilities(connection, options);
}
