import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Writes .br and .gz beside every compressible built file, at the highest levels: the server sends these
 * as they are (no compression work per request, and smaller than on-the-fly gzip).
 */
const dist = join(import.meta.dirname, '..', 'dist');
const COMPRESSIBLE = /\.(js|css|svg|json|txt|html|webmanifest)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'server' || name === '.vite' ? [] : walk(path);
    return COMPRESSIBLE.test(name) && name !== 'index.html' ? [path] : [];
  });
}

let count = 0;
for (const file of walk(dist)) {
  const content = readFileSync(file);
  if (content.length < 1024) continue;
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  count++;
}
console.log(`compressed ${count} files in dist/ (brotli and gzip)`);
