import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/** How many bytes a lead image has, when this server knows: undefined for another server's image. */
export type ImageBytes = (src: string, origin: string) => Promise<number | undefined>;

/**
 * The size of an image this server itself serves from the build folder (content images under /images/…),
 * read from the file. Another origin's image, or an address no file answers, has no known size: nothing is
 * fetched to find one.
 */
export function builtImageBytes(distDir: string): ImageBytes {
  const root = resolve(distDir);
  return async (src, origin) => {
    const url = new URL(src, origin);
    if (url.origin !== new URL(origin).origin) return undefined;
    let path: string;
    try {
      path = resolve(join(root, decodeURIComponent(url.pathname)));
    } catch {
      return undefined; // a malformed escape: no file has that name
    }
    // Only what the static route would serve: inside the folder, and not the renderer's own files.
    if (!path.startsWith(root + sep) || path.startsWith(join(root, 'server') + sep)) return undefined;
    const found = await stat(path).catch(() => undefined);
    return found?.isFile() ? found.size : undefined;
  };
}
