import type { Changes } from '../changes';
import { startClusterChannel, type ClusterChannel } from './clusterChannel';
import { syncOnceAcrossCluster } from './clusterLock';
import { commentStore } from './comments';
import { contentWrites } from './content';
import { contentProblemStore } from './contentProblems';
import { databaseCopy } from './copy';
import { feedReads } from './feeds';
import { healthChecks } from './health';
import { imageReads } from './images';
import { moderationStore } from './moderation';
import { liveReads } from './liveEntries';
import { connect, migrate, type Connection, type StoreOptions } from './open';
import { serverPresence } from './servers';
import { scheduleReads } from './schedule';
import { pageReads } from './pages';
import { searchStore } from './search';
import { settingsStore } from './settings';
import { storyReads } from './stories';
import { wordpressStore } from './wordpressPosts';
import { tagReads } from './tags';

export type { ClusterChannel } from './clusterChannel';
export type { ClusterLock, SyncOnceOptions } from './clusterLock';
export type { StoreOptions } from './open';
export type { CommentDecision, EarlierPost, NewComment, QueueFilter } from './comments';
export type { DecisionRecord } from './moderation';
export type { ContentWrites } from './content';
export type { ContentProblem, NewProblem, ProblemSource } from './contentProblems';
export type { TableCount } from './copy';
export { SERVER_HEARTBEAT_MS, type RunningServer } from './servers';
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
export type { WordPressCommentRow, WordPressStoryMeta } from './wordpressPosts';
export type { FeedStory, NewestFilter, NewsEntry, SitemapEntry } from './feeds';
export type { ScheduledStory, ScheduleReads } from './schedule';
export type { SearchAnswer, SearchRequest } from './search';
export type { LiveReads } from './liveEntries';
export type { PageEntry } from './pages';
export type { TagReads, TagSitemapEntry } from './tags';
export type { StoredAuthor, StoredStory, StoredSummary } from './storedStory';
export type { Engine } from './tables';
export { isDatabaseUnavailable } from './unavailable';
export {
  CursorError,
  decodeCommentCursor,
  decodeSearchCursor,
  decodeStoryCursor,
  encodeSearchCursor,
  SEARCH_DEPTH,
} from './cursors';

/**
 * Byline's data: every query and every difference between SQLite and PostgreSQL lives behind these abilities,
 * so callers never see the engine or the query builder. (`engine` and `db` stay on the object for the store's
 * own tests and helpers; lint keeps the rest of the server off them.)
 */
function withAbilities(connection: Connection, options: StoreOptions) {
  const { db, engine } = connection;
  const search = searchStore(db, engine, options.searchLanguage, options.searchCandidates);
  const tags = tagReads(db);
  return {
    ...connection,
    /** Where the data lives, for the start-up log. */
    describe: () => (engine === 'postgres' ? 'PostgreSQL' : `SQLite at ${options.dbPath}`),
    /**
     * The one writer of stories and authors (content files, the publishing API and WordPress all publish through
     * it); `changes` hears every key a write touched once it has committed.
     */
    content: (changes: Pick<Changes, 'publish'>) => contentWrites(db, changes, search.index),
    /** Full-text search over live stories: results, snippets and facets for a parsed query. */
    search: { find: search.find },
    stories: storyReads(db, tags),
    /** Live standing pages (written through `content`), for their routes and the sitemap. */
    pages: pageReads(db),
    /** What the feeds and sitemaps read: published stories only, newest first. */
    feeds: feedReads(db, tags),
    /** Stories' tags: a story's, a tag by its slug, every tag for the sitemap (a tag's stories: stories.tag). */
    tags,
    /** Stories dated ahead: listed for editors, and what server/scheduling waits for. */
    schedule: scheduleReads(db),
    images: imageReads(db),
    /** Live stories' entries as readers' pages read them, and what changed after a revision. */
    live: liveReads(db),
    comments: commentStore(db, engine),
    /** Named moderators, the audit list of decisions, and the shared slot for the moderators' email. */
    moderation: moderationStore(db),
    settings: settingsStore(db),
    wordpress: wordpressStore(db),
    health: healthChecks(db),
    /** What the content sources refused (files, WordPress posts), with each message, for the admin's Content view. */
    contentProblems: contentProblemStore(db),
    /** The servers using this database, each refreshing its row: a restore refuses while one is there. */
    servers: serverPresence(db),
    /** Every table's rows, read and written engine-neutrally, for `npm run db:copy`. */
    copy: databaseCopy(db, engine),
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
  const store = withAbilities(connection, options);
  return {
    ...store,
    migrate: async () => {
      await migrate(connection);
      await searchStore(connection.db, connection.engine, options.searchLanguage, options.searchCandidates).prepare();
    },
  };
}

/** Opens the engine the settings choose and brings its schema up to date (several servers may do so at once). */
export async function openStore(options: StoreOptions): Promise<Store> {
  const connection = connect(options);
  try {
    await migrate(connection);
    // The search index of the stories already stored, built once (or again when the site's language changes).
    await searchStore(connection.db, connection.engine, options.searchLanguage, options.searchCandidates).prepare();
  } catch (error) {
    await connection.close();
    throw error;
  }
  return withAbilities(connection, options);
}
