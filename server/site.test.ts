import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_SITE, readSite } from './site';
import { scratchDir } from '../test/helpers/scratch';

function contentWith(site?: string) {
  const dir = scratchDir('site');
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

  it("takes twitter:site from the site's X account", () => {
    const dir = contentWith(
      JSON.stringify({ name: 'P', description: 'D.', language: 'en', social: [{ network: 'x', url: 'https://x.com/thepost' }] }),
    );
    expect(readSite(dir).site?.twitterSite).toBe('@thepost');
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

  it('refuses an accent colour too faint for either theme, saying which and by how much', () => {
    const site = { name: 'P', description: 'D.', language: 'en' };
    const faint = readSite(contentWith(JSON.stringify({ ...site, accentColor: '#66aadd' })), '/');
    expect(faint.site).toBeUndefined();
    expect(faint.faults.map((fault) => [fault.path, fault.message.split('; ')[0]])).toEqual([
      ['accentColor', "#66aadd has a contrast of 2.38:1 against the light theme's page background #fbf9f5"],
      ['accentColor', "#66aadd has a contrast of 2.51:1 against the light theme's card background #ffffff"],
    ]);
    const pair = readSite(contentWith(JSON.stringify({ ...site, accentColor: { light: '#8a1c4a', dark: '#8a1c4a' } })));
    expect(pair.faults.map((fault) => fault.path)).toEqual(['accentColor.dark', 'accentColor.dark']);
    const accepted = readSite(contentWith(JSON.stringify({ ...site, accentColor: '#8a1c4a' })));
    expect(accepted.site?.accentColor).toBe('#8a1c4a');
  });

  it('takes the icon from a file in the content folder, and refuses one that is missing or outside it', () => {
    const site = { name: 'P', description: 'D.', language: 'en' };
    const dir = contentWith(JSON.stringify({ ...site, icon: 'brand/icon.png' }));
    expect(readSite(dir, dir).faults).toEqual([
      { file: 'site.json', path: 'icon', message: 'There is no file brand/icon.png in the content folder' },
    ]);
    mkdirSync(join(dir, 'brand'));
    writeFileSync(join(dir, 'brand', 'icon.png'), 'not checked here: the icon routes read it');
    expect(readSite(dir).site?.icon).toBe('brand/icon.png');
    for (const icon of ['../icon.png', '/etc/icon.png', 'brand/.hidden.png', 'brand/icon.txt']) {
      const outside = readSite(contentWith(JSON.stringify({ ...site, icon })));
      expect(outside.faults.map((fault) => fault.path)).toEqual(['icon']);
    }
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
