import type { Changes } from '../../changes';
import type { ContentRepository } from '../../content/repository';
import type { Db } from '../../store/open';
import { createWordPressClient, type WordPressClient } from './client';
import { createPermalinkIndex, createWordPressSink } from './store';
import { syncWordPress, type SyncReport } from './sync';

export interface WordPressSourceOptions {
  url: string;
  syncSeconds: number;
  db: Db;
  content: ContentRepository;
  changes: Changes;
  /** An editor's application password, for previews only. */
  auth?: { user: string; password: string };
  log: (line: string) => void;
  /** For tests and the benchmark: a client with its own fetch or limits. */
  client?: WordPressClient;
}

/** After a failure the next try comes sooner than the next regular sync, then less and less often. */
const FIRST_RETRY_MS = 5_000;

/**
 * WordPress as a live source: a sync at start and every `syncSeconds`, each taking only what changed since the
 * last one that finished (remembered in the database, so a restart is an idle re-sync too). A failed sync keeps
 * everything already stored online, logs one line, and is retried with backoff.
 */
export function startWordPressSource(options: WordPressSourceOptions) {
  const client = options.client ?? createWordPressClient({ baseUrl: options.url, auth: options.auth });
  const sink = createWordPressSink(options.db, options.content, options.changes);
  const permalinks = createPermalinkIndex(options.db);
  const sinceKey = `wordpress_since ${options.url}`;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;
  let running: Promise<SyncReport> | undefined;

  async function readSince() {
    const row = await options.db.selectFrom('settings').select('value').where('key', '=', sinceKey).executeTakeFirst();
    return row?.value;
  }

  async function saveSince(value: string) {
    await options.db
      .insertInto('settings')
      .values({ key: sinceKey, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async function once(): Promise<SyncReport> {
    const started = Date.now();
    const report = await syncWordPress({ client, sink, log: options.log, since: await readSince() });
    if (report.nextSince) await saveSince(report.nextSince);
    await permalinks.reload();
    const counts =
      `${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.withdrawn} withdrawn, ` +
      `${report.skipped} skipped, ${report.commentsAdded} comments added; ${report.requests} requests in ${Date.now() - started} ms`;
    options.log(report.failed ? `wordpress: sync failed (${counts}): ${report.failed}` : `wordpress: synced ${options.url} (${counts})`);
    return report;
  }

  /** Runs a sync now, or joins the one under way. */
  function sync(): Promise<SyncReport> {
    running ??= once()
      .catch((error: unknown): SyncReport => {
        // The store failed (the database is away): the same backoff as a WordPress failure.
        options.log(`wordpress: sync failed: ${error instanceof Error ? error.message : String(error)}`);
        return { added: 0, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0, commentsAdded: 0, requests: 0, failed: String(error) };
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
