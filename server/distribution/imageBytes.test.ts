import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtImageBytes } from './imageBytes';
import { scratchDir } from '../../test/helpers/scratch';

const origin = 'https://news.example';

describe('builtImageBytes', () => {
  const dist = scratchDir('dist');
  mkdirSync(join(dist, 'images', 'stories'), { recursive: true });
  mkdirSync(join(dist, 'server'));
  writeFileSync(join(dist, 'images', 'stories', 'tide mill.svg'), 'x'.repeat(1234));
  writeFileSync(join(dist, 'server', 'entry-server.js'), 'secret');
  writeFileSync(join(tmpdir(), 'outside.png'), 'outside');
  const bytes = builtImageBytes(dist);

  it('reads the size of an image the build holds, by path or by an address on the trusted origin', async () => {
    expect(await bytes('/images/stories/tide%20mill.svg', origin)).toBe(1234);
    expect(await bytes(`${origin}/images/stories/tide%20mill.svg?w=2`, origin)).toBe(1234);
  });

  it('knows no size for another origin, a missing file, a folder, or anything outside what is served', async () => {
    for (const src of [
      'https://cdn.example/images/stories/tide%20mill.svg',
      '/images/stories/missing.png',
      '/images/stories',
      '/server/entry-server.js',
      '/../outside.png',
      '/images/%2e%2e/%2e%2e/../outside.png',
      '/images/%E0%A4%A.png',
    ])
      expect(await bytes(src, origin), src).toBeUndefined();
  });
});
