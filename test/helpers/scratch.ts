import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folders this test file made, removed once its tests are done (test/helpers/scratchCleanup.ts). */
const made: string[] = [];

/** A new empty folder under the system's temp folder, named `byline-<prefix>-…`, gone after this test file. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `byline-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
