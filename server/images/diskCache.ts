import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBoundedCache } from '../caches';

/** A variant file's name: its source's content hash, its width and format. Nothing else changes its bytes. */
const NAME = /^[0-9a-f]{8}-[0-9]{1,5}\.(avif|webp|jpeg)$/;

/**
 * The variants made so far, as files in `dir`, at most `maxBytes` of them (their sizes plus a little per entry
 * for the index): the least recently read goes first. The index is the shared bounded cache; at start it is
 * filled from the folder oldest access first, so a restart keeps the order and the budget.
 */
export function createDiskCache(dir: string, maxBytes: number, log: (message: string) => void = console.error) {
  mkdirSync(dir, { recursive: true });
  const index = createBoundedCache<true>(maxBytes, (name) => {
    try {
      unlinkSync(join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log(`images: could not remove ${name}: ${(error as Error).message}`);
    }
  });
  const found = readdirSync(dir)
    .filter((name) => NAME.test(name))
    .flatMap((name) => {
      try {
        const stat = statSync(join(dir, name));
        return [{ name, size: stat.size, used: Math.max(stat.atimeMs, stat.mtimeMs) }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.used - b.used);
  for (const { name, size } of found) index.set(name, true, size);
  // What did not fit the budget (it shrank since the last run) was evicted, and so deleted, as it was set.

  const nameOf = (hash: string, width: number, format: string) => `${hash}-${width}.${format}`;

  return {
    async get(hash: string, width: number, format: string): Promise<Buffer | undefined> {
      const name = nameOf(hash, width, format);
      if (!index.get(name)) return undefined;
      try {
        return await readFile(join(dir, name));
      } catch {
        index.delete(name); // removed behind our back
        return undefined;
      }
    },
    has: (hash: string, width: number, format: string) => index.has(nameOf(hash, width, format)),
    async put(hash: string, width: number, format: string, bytes: Buffer): Promise<void> {
      const name = nameOf(hash, width, format);
      // Written aside then renamed: a reader, or another server sharing the folder, never sees half a file.
      const temporary = join(dir, `.${name}.${process.pid}.tmp`);
      await writeFile(temporary, bytes);
      await rename(temporary, join(dir, name));
      index.set(name, true, bytes.length);
    },
    get bytes() {
      return index.bytes;
    },
    get files() {
      return index.size;
    },
  };
}

export type DiskCache = ReturnType<typeof createDiskCache>;
