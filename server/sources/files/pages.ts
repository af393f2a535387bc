import { join } from 'node:path';
import { PageFile } from '../../../src/schema';
import type { ContentFault, FaultOutcome } from '../../content';
import type { ContentWrites, SyncReport } from '../../store';
import { fileName, jsonFiles, parseFile, pageFaults } from './read';

/**
 * Makes the file-published standing pages match CONTENT_DIR/pages. There are a handful, so every file is read
 * each time (unchanged ones are skipped by their hash in the store). A refused file keeps its page's last good
 * version online; a page whose file is gone is withdrawn.
 */
export async function syncPageFiles(
  repository: Pick<ContentWrites, 'syncPages' | 'livePageSlugs'>,
  contentDir: string,
  displayRoot: string,
): Promise<{ report: SyncReport; pages: number; faults: ContentFault[] }> {
  const faults: ContentFault[] = [];
  const pages: PageFile[] = [];
  const refused: string[] = [];
  const online = new Set(await repository.livePageSlugs('files'));
  const paths = jsonFiles(join(contentDir, 'pages'));
  for (const path of paths) {
    const parsed = parseFile(path, PageFile, displayRoot);
    const found = parsed.data ? pageFaults({ ...parsed, data: parsed.data }) : parsed.faults;
    if (parsed.data && found.length === 0) {
      pages.push(parsed.data);
      continue;
    }
    const name = fileName(path);
    refused.push(name);
    const outcome: FaultOutcome = online.has(name) ? 'the last good version stays' : 'not published';
    faults.push(...found.map((fault) => ({ ...fault, outcome })));
  }
  const report = await repository.syncPages('files', pages, refused);
  return { report, pages: paths.length, faults };
}
