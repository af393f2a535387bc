import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AuthorFile, StoryFile } from '../../../src/schema';
import type { ContentWrites, SyncReport } from '../../store';
import { textHash } from '../../content';
import type { ContentFault, FaultOutcome } from '../../content';
import type { ImageEnricher } from '../../images';
import { authorFaults, fileName, jsonFiles, parseFile, storyFaults } from './read';
import { syncPageFiles } from './pages';

/** Story files parsed and written per transaction: bounds memory and lock time whatever the archive's size. */
const CHUNK = 1000;

export interface FileSyncResult {
  report: SyncReport;
  /** Story and author files found. */
  stories: number;
  authors: number;
  /** Standing page files found (content/pages); their changes are counted in `report` too. */
  pages?: number;
  faults: ContentFault[];
}

export interface FileSyncOptions {
  displayRoot?: string;
  /**
   * Kept between runs by a long-lived caller (the watcher): each story file's size and mtime when it was last
   * read. A file whose size and mtime match is not even read again; across restarts the stored file hash does
   * the same job.
   */
  seen?: Map<string, string>;
  /** Adds what resized copies need to each raster image (server/images); absent, images are stored as written. */
  images?: ImageEnricher;
}

/**
 * Makes the file-published stories and authors match CONTENT_DIR. Only files that changed since they were
 * last loaded are parsed (their hash is kept with the story), in parts of 1000, so an unchanged restart of a
 * 100,000-story archive reads files and compares hashes, nothing more. A refused file keeps its story's last
 * good version online; a story whose file is gone is withdrawn.
 */
export async function syncFiles(
  repository: ContentWrites,
  contentDir: string,
  { displayRoot = process.cwd(), seen, images }: FileSyncOptions = {},
): Promise<FileSyncResult> {
  const faults: ContentFault[] = [];
  const elsewhere = await repository.publishedElsewhere('files');
  const authors: AuthorFile[] = [];
  const authorPaths = jsonFiles(join(contentDir, 'authors'));
  for (const path of authorPaths) {
    const parsed = parseFile(path, AuthorFile, displayRoot);
    const found = parsed.data ? authorFaults({ ...parsed, data: parsed.data }) : parsed.faults;
    faults.push(...found);
    if (parsed.data && found.length === 0) authors.push(images ? await images.author(parsed.data) : parsed.data);
  }
  const authorIds = new Set([...authors.map((author) => author.id), ...elsewhere.authorIds]);
  const report = await repository.writeBatch('files', { authors, stories: [] });

  const storyPaths = jsonFiles(join(contentDir, 'stories'));
  const names = storyPaths.map(fileName);
  const knownSlugs = new Set([...names, ...elsewhere.slugs]);
  // Each live file story's "<size>:<mtime>|<sha256>" from when it was last loaded.
  const loaded = await repository.fileHashes('files');
  const restamped = new Map<string, string>();
  for (let start = 0; start < storyPaths.length; start += CHUNK) {
    const stories: StoryFile[] = [];
    const fileHashes = new Map<string, string>();
    for (const path of storyPaths.slice(start, start + CHUNK)) {
      const name = fileName(path);
      let stamp: string | undefined;
      try {
        const stat = statSync(path);
        stamp = `${stat.size}:${stat.mtimeMs}`;
        const before = loaded.get(name);
        // Same size and mtime as when it was loaded (seen by this watcher, or the stamp stored at the last start).
        if (before && (seen?.get(name) === stamp || before.startsWith(`${stamp}|`))) {
          report.unchanged++;
          continue;
        }
        const raw = readFileSync(path);
        const digest = textHash(raw);
        const hash = `${stamp}|${digest}`;
        seen?.set(name, stamp);
        if (before?.endsWith(`|${digest}`)) {
          // Touched, not changed (a checkout, a copy): the new stamp lets the next start skip the read.
          restamped.set(name, hash);
          report.unchanged++;
          continue;
        }
        const parsed = parseFile(path, StoryFile, displayRoot, raw.toString('utf8'));
        const found = parsed.data
          ? storyFaults({ ...parsed, data: parsed.data }, authorIds, knownSlugs)
          : parsed.faults;
        // A story online from an earlier version of its file keeps that version; a new file is simply not published.
        const outcome: FaultOutcome = before ? 'the last good version stays' : 'not published';
        faults.push(...found.map((fault) => ({ ...fault, outcome })));
        if (!parsed.data || found.length > 0) {
          seen?.delete(name); // read it again next time: an author or a related story may have arrived
          continue;
        }
        stories.push(images ? await images.story(parsed.data) : parsed.data);
        fileHashes.set(name, hash);
      } catch (error) {
        // Removed or replaced between the listing and the read: the next run sees what is there then.
        faults.push({ file: relative(displayRoot, path), path: '', message: (error as Error).message });
        seen?.delete(name);
      }
    }
    if (stories.length === 0) continue;
    const part = await repository.writeBatch('files', { authors: [], stories, fileHashes });
    report.added += part.added;
    report.updated += part.updated;
    report.unchanged += part.unchanged;
    report.conflicts.push(...part.conflicts);
  }
  if (restamped.size > 0) await repository.restamp(restamped);
  report.withdrawn = await repository.withdrawMissing('files', new Set(names));
  if (seen) for (const name of seen.keys()) if (!knownSlugs.has(name)) seen.delete(name);
  // Links to stories no longer published arise only when something changed: an unchanged sync skips the check.
  const changed = report.added + report.updated + report.withdrawn > 0;
  for (const { from, to } of changed ? await repository.danglingLinks('files') : []) {
    const file = relative(displayRoot, join(contentDir, 'stories', `${from}.json`));
    faults.push({
      file,
      path: 'related',
      message: `"${to}" is no longer published; the rail leaves it out`,
      outcome: 'published without it',
    });
  }
  const pages = await syncPageFiles(repository, contentDir, displayRoot);
  faults.push(...pages.faults);
  report.added += pages.report.added;
  report.updated += pages.report.updated;
  report.withdrawn += pages.report.withdrawn;
  report.conflicts.push(...pages.report.conflicts);
  return { report, stories: storyPaths.length, authors: authorPaths.length, pages: pages.pages, faults };
}
