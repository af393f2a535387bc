import type { SyncOptions } from './sync';
import type { Changes } from '../../changes';
import type { ContentWrites } from '../../store';
import type { Store } from '../../store';
import { wordpressProblems } from '../../contentProblems';
import { randomUUID } from 'node:crypto';
import { z } from 'zod/mini';
import { createWordPressClient, type WordPressClient } from './client';
import { createPermalinkIndex, createWordPressSink } from './store';
import { emptyReport, syncWordPress, type SyncReport } from './sync';
import { syncWordPressPages } from './pages';

export interface WordPressSourceOptions {
  url: string;
  syncSeconds: number;
  /** Seconds between two full passes (every published post and every approved comment). */
  fullPassSeconds: number;
  store: Store;
  content: ContentWrites;
  changes: Changes;
  /** An editor's application password, for previews (and scheduled posts, with `readScheduled`). */
  auth?: { user: string; password: string };
  /** Read scheduled posts with `auth`, so they go live at their time (WORDPRESS_READ_SCHEDULED). */
  readScheduled?: boolean;
  log: (line: string) => void;
  /** Sizes and content hashes of the posts' images, for their resized copies (server/images). */
  images?: SyncOptions['images'];
  /** For tests and the benchmark: a client with its own fetch or limits. */
  client?: WordPressClient;
  /** Runs each sync alone across the servers of a cluster, waiting its turn (the store's cluster.syncOnce). */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T | 'skipped'>;
}

/** After a failure the next try comes sooner than the next regular sync, then less and less often. */
const FIRST_RETRY_MS = 5_000;

/**
 * What the conversion takes from a post that it once did not, so that posts stored before must be read again:
 * 1, tags with their names and slugs. A saved state of another version reads every post once more.
 */
const CONVERSION = 1;

/** What a sync leaves for the next one, kept in the settings table so that a restart carries on from it. */
const SyncState = z.object({
  since: z.string(),
  conversion: z.optional(z.number()),
  /** When the last full pass started (ISO 8601). */
  fullPassAt: z.string(),
  unstored: z.array(z.number()),
  /** When the last sync started, and which server process ran it: servers of a cluster take turns. */
  syncedAt: z.string(),
  syncedBy: z.string(),
});
type SyncState = z.infer<typeof SyncState>;

/**
 * WordPress as a live source: a sync at start and every `syncSeconds`, each taking only what changed since the
 * last one that finished (remembered in the database, so a restart is an idle re-sync too), with a full pass
 * every `fullPassSeconds` for what WordPress does not date (comments approved late or removed). A failed sync
 * keeps everything already stored online, logs one line, and is retried with backoff.
 */
export function startWordPressSource(options: WordPressSourceOptions) {
  const client =
    options.client ??
    createWordPressClient({
      baseUrl: options.url,
      auth: options.auth,
      readScheduled: options.readScheduled,
    });
  const sink = createWordPressSink(options.store.wordpress, options.content, options.changes);
  const permalinks = createPermalinkIndex(options.store.wordpress);
  const stateKey = `wordpress_sync ${options.url}`;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;
  let running: Promise<SyncReport> | undefined;
  const self = randomUUID();
  const exclusive = options.exclusive ?? ((run) => run());

  /** The state the last sync left; none (a first, full sync) when there is none or it does not parse. */
  async function readState(): Promise<SyncState | undefined> {
    const saved = await options.store.settings.get(stateKey);
    if (saved === undefined) return undefined;
    try {
      return SyncState.parse(JSON.parse(saved));
    } catch {
      options.log(`wordpress: the saved sync state does not parse: a full sync`);
      return undefined;
    }
  }

  async function saveState(state: SyncState) {
    await options.store.settings.put(stateKey, JSON.stringify(state));
  }

  let toldOfTurns = false;
  let hasSynced = false;

  async function once(): Promise<SyncReport> {
    const outcome = await exclusive(syncUnlessRecent);
    // Whoever synced, the old links this server answers follow the store.
    await permalinks.reload();
    if (outcome !== 'skipped' && outcome !== 'recent') return outcome;
    if (!toldOfTurns) options.log(`wordpress: another server synced ${options.url} a moment ago; servers take turns`);
    toldOfTurns = true;
    return emptyReport();
  }

  /**
   * Syncs, unless another server of the cluster did in the last half interval: one sync per interval is enough.
   * A server's first sync always runs (an idle re-sync costs a few requests), so a restart is never stale.
   */
  async function syncUnlessRecent(): Promise<SyncReport | 'recent'> {
    const started = Date.now();
    const state = await readState();
    const recent = state && state.syncedBy !== self && started - Date.parse(state.syncedAt) < options.syncSeconds * 500;
    if (recent && hasSynced) return 'recent';
    hasSynced = true;
    // A state left by an older conversion counts as none: every post is read again, in a full pass.
    const current = state?.conversion === CONVERSION ? state : undefined;
    const full = !current || started - Date.parse(current.fullPassAt) >= options.fullPassSeconds * 1000;
    const report = await syncWordPress({
      client,
      sink,
      log: options.log,
      images: options.images,
      since: current?.since,
      unstored: current?.unstored,
      full,
      problems: wordpressProblems(options.store),
    });
    // Standing pages, read whole each time (a site has a handful); a failure there leaves the posts' sync done.
    const pageReport = await syncWordPressPages(client, options.content, options.log).catch((error: unknown) => {
      options.log(`wordpress: pages not synced this time: ${(error as Error).message}`);
      return undefined;
    });
    if (report.nextSince && report.unstored) {
      await saveState({
        since: report.nextSince,
        conversion: CONVERSION,
        fullPassAt: report.full ? new Date(started).toISOString() : state!.fullPassAt,
        unstored: report.unstored,
        syncedAt: new Date(started).toISOString(),
        syncedBy: self,
      });
    }
    const counts =
      `${report.full ? 'full pass' : 'changes only'}; ${report.added} added, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.withdrawn} withdrawn, ${report.skipped} skipped, ` +
      `${report.commentsAdded} comments added, ${report.commentsRemoved} removed; ` +
      `${report.requests} requests in ${Date.now() - started} ms` +
      (pageReport
        ? `; pages: ${pageReport.added} added, ${pageReport.updated} updated, ${pageReport.withdrawn} withdrawn`
        : '');
    options.log(
      report.failed
        ? `wordpress: sync failed (${counts}): ${report.failed}`
        : `wordpress: synced ${options.url} (${counts})`,
    );
    return report;
  }

  /** Runs a sync now, or joins the one under way. */
  function sync(): Promise<SyncReport> {
    running ??= once()
      .catch((error: unknown): SyncReport => {
        // The store failed (the database is away): the same backoff as a WordPress failure.
        options.log(`wordpress: sync failed: ${error instanceof Error ? error.message : String(error)}`);
        return { ...emptyReport(), failed: String(error) };
      })
      .finally(() => (running = undefined));
    return running;
  }

  function schedule(report: SyncReport) {
    if (stopped) return;
    failures = report.failed ? failures + 1 : 0;
    const regular = options.syncSeconds * 1000;
    const delay = failures === 0 ? regular : Math.min(regular, FIRST_RETRY_MS * 2 ** (failures - 1));
    timer = setTimeout(() => void sync().then(schedule), delay);
    timer.unref();
  }

  const first = sync().then((report) => {
    schedule(report);
    return report;
  });

  return {
    /** Settles when the first sync has finished, whatever its outcome. */
    first,
    sync,
    client,
    /** Drafts need an editor's application password. */
    canPreview: options.auth !== undefined,
    permalinks: permalinks.lookup,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export type WordPressSource = ReturnType<typeof startWordPressSource>;
