import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { ContentWrites } from '../../store';
import { formatFault, type ContentFault } from '../../content';
import { syncFiles, type FileSyncOptions, type FileSyncResult } from './sync';

export interface WatchOptions {
  contentDir: string;
  repository: ContentWrites;
  /** Quiet time after the last file event before a sync: an editor's save is several events. */
  debounceMs?: number;
  /** The safety net for events the file system did not deliver (network mounts, some editors); 0 turns it off. */
  rescanMs?: number;
  log?: (message: string) => void;
  /** Adds image sizes and content hashes as files are read (server/images). */
  images?: FileSyncOptions['images'];
  warn?: (message: string) => void;
  /**
   * Runs each sync alone across the servers of a cluster (the store's cluster.syncOnce): the first sync skips when
   * another server is already syncing the same files at start; later ones wait for it and then run.
   */
  exclusive?: (run: () => Promise<FileSyncResult>, ifTaken: 'skip' | 'wait') => Promise<FileSyncResult | 'skipped'>;
  /** Told every fault of each sync this server ran (the whole truth for the folder), to keep where admins see it. */
  onFaults?: (faults: readonly ContentFault[]) => Promise<void>;
}

export interface ContentWatcher {
  /** Syncs now (or once more after the sync under way) and resolves when the files are in. */
  sync(): Promise<FileSyncResult | 'skipped'>;
  close(): void;
}

/** What a sync did, in one log line. */
export function describeSync({ report, stories, pages, authors }: FileSyncResult, contentDir: string): string {
  return (
    `content: ${stories} stories, ${pages} pages and ${authors} authors from ${contentDir} (${report.added} added, ` +
    `${report.updated} updated, ${report.unchanged} unchanged, ${report.withdrawn} withdrawn)`
  );
}

/**
 * Serves edits to CONTENT_DIR without a restart: watches the stories and authors folders and syncs a moment
 * after the last change, and rescans now and then in case an event was missed. A file refused by validation
 * keeps its story's last good version online; each fault is logged with its file and JSON path when it first
 * appears. The caches follow through the change bus the repository tells.
 */
export function watchContent({
  contentDir,
  repository,
  debounceMs = 200,
  rescanMs = 60_000,
  log = console.log,
  warn = console.warn,
  exclusive = (run) => run(),
  onFaults,
  images,
}: WatchOptions): ContentWatcher {
  const seen = new Map<string, string>();
  let reported = new Set<string>();
  let running: Promise<FileSyncResult | 'skipped'> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let first = true;

  /** Logs what changed (always, the first time) and each fault the previous run had not already reported. */
  async function once(): Promise<FileSyncResult | 'skipped'> {
    const result = await exclusive(
      () => syncFiles(repository, contentDir, { seen, displayRoot: contentDir, images }),
      first ? 'skip' : 'wait',
    );
    if (result === 'skipped') {
      log(`content: ${contentDir} synced by another server`);
      first = false;
      return result;
    }
    const { report } = result;
    if (first || report.added + report.updated + report.withdrawn > 0) log(describeSync(result, contentDir));
    first = false;
    const messages = [
      ...result.faults.map((fault) => `${fault.outcome ?? 'refused'}: ${formatFault(fault)}`),
      ...report.conflicts.map((conflict) => `refused: ${contentDir}: ${conflict.message}`),
    ];
    for (const message of messages) if (!reported.has(message)) warn(`content: ${message}`);
    await onFaults?.(result.faults);
    reported = new Set(messages);
    return result;
  }

  function sync(): Promise<FileSyncResult | 'skipped'> {
    if (running) {
      // The run under way goes round once more before it resolves, so it sees whatever prompted this call.
      again = true;
      return running;
    }
    running = (async () => {
      let result: FileSyncResult | 'skipped';
      do {
        again = false;
        result = await once();
      } while (again && !closed);
      return result;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const run = () =>
    void sync().catch((error: unknown) => warn(`content: sync failed, will try again: ${(error as Error).message}`));

  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };

  const watchers: FSWatcher[] = [];
  // The pages folder is optional: a site without standing pages has none to watch.
  const pagesFolder = existsSync(join(contentDir, 'pages')) ? ['pages'] : [];
  for (const folder of ['stories', 'authors', ...pagesFolder]) {
    try {
      const watcher = watch(join(contentDir, folder), schedule);
      watcher.on('error', (error) => warn(`content: stopped watching ${folder}: ${error.message}; the rescan goes on`));
      watchers.push(watcher);
    } catch (error) {
      warn(`content: cannot watch ${join(contentDir, folder)} (${(error as Error).message}); relying on the rescan`);
    }
  }
  const rescan = rescanMs > 0 ? setInterval(run, rescanMs) : undefined;
  rescan?.unref();

  return {
    sync,
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(rescan);
      for (const watcher of watchers) watcher.close();
    },
  };
}
