import { open } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { MAX_SOURCE_BYTES } from './limits';

/**
 * Reads a content image by its site path ("/images/stories/x.jpg") from the first of `roots` that has it (the
 * content folder, then the built site's public files). A path that would leave its root, or names something
 * other than a regular file, is not found; a file larger than the byte limit is refused.
 */
export function createFileSource(roots: string[]) {
  const bases = roots.map((root) => resolve(root));

  async function readFrom(base: string, path: string): Promise<Buffer | undefined> {
    const full = resolve(base, `.${path}`);
    if (!full.startsWith(base + sep)) return undefined;
    let handle;
    try {
      handle = await open(full, 'r');
    } catch {
      return undefined;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return undefined;
      if (stat.size > MAX_SOURCE_BYTES) throw new Error(`${path} is ${stat.size} bytes, more than ${MAX_SOURCE_BYTES}`);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  return async function read(src: string): Promise<Buffer | undefined> {
    if (!src.startsWith('/') || src.startsWith('//')) return undefined;
    let path: string;
    try {
      path = decodeURIComponent(new URL(src, 'http://x.invalid').pathname);
    } catch {
      return undefined;
    }
    if (path.includes('\0')) return undefined;
    for (const base of bases) {
      const bytes = await readFrom(base, path);
      if (bytes) return bytes;
    }
    return undefined;
  };
}

export type SourceReader = (src: string) => Promise<Buffer | undefined>;
