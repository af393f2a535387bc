import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_SITE, readSite } from './site';

function contentWith(site?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'byline-site-'));
  if (site !== undefined) writeFileSync(join(dir, 'site.json'), site);
  return dir;
}

describe('readSite', () => {
  it('reads a valid site.json, filling in the defaults', () => {
    const dir = contentWith(
      JSON.stringify({ $schema: './schema/site.schema.json', name: 'The Estuary Post', description: 'News.', language: 'pt-BR' }),
    );
    expect(readSite(dir)).toEqual({
      site: {
        name: 'The Estuary Post',
        description: 'News.',
        language: 'pt-BR',
        social: [],
        imageOrigins: [],
        themeColor: '#1d3b4f',
        backgroundColor: '#f4efe6',
      },
      faults: [],
      missing: false,
    });
  });

  it('gives the plain placeholder when there is no site.json', () => {
    expect(readSite(contentWith())).toEqual({ site: PLACEHOLDER_SITE, faults: [], missing: true });
    expect(PLACEHOLDER_SITE.name).toBe('News');
  });

  it('names the file and the JSON path of every fault', () => {
    const dir = contentWith(
      JSON.stringify({
        name: '',
        description: 'News.',
        language: 'english please',
        imageOrigins: ['https://cdn.example/images'],
        themeColor: 'blue',
      }),
    );
    const result = readSite(dir, dir);
    expect(result.site).toBeUndefined();
    expect(result.faults).toEqual([
      { file: 'site.json', path: 'name', message: 'Required' },
      { file: 'site.json', path: 'language', message: 'Use a BCP 47 language tag, e.g. en, en-GB or pt-BR' },
      { file: 'site.json', path: 'imageOrigins[0]', message: 'Use an origin: scheme and host only, e.g. https://images.example' },
      { file: 'site.json', path: 'themeColor', message: 'Use a colour as #rrggbb' },
    ]);
  });

  it('reports a file that is not JSON', () => {
    const result = readSite(contentWith('{ "name": '));
    expect(result.faults[0]?.message).toMatch(/^Invalid JSON: /);
  });

  it('accepts the demo content’s own site.json', () => {
    const result = readSite(join(import.meta.dirname, '..', 'content'));
    expect(result.faults).toEqual([]);
    expect(result.missing).toBe(false);
  });
});
