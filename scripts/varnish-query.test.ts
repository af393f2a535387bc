import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_FIELDS } from '../src/features/search/queries';
import { LIST_READERS, QUERY_FAMILIES, renderQueryVcl } from './varnish-query';

const root = join(import.meta.dirname, '..');

/**
 * The query reads in one file's source: `c.req.query('x')`, `url.searchParams.get('x')` and the client's
 * `search.get('x')` / `params.get('x')` / `useSearchParams()[0].get('x')`. A read whose name is not a literal
 * is `dynamic`: its names come from a list (LIST_READERS says which).
 */
function queryReads(source: string): { names: string[]; dynamic: boolean } {
  const names = new Set<string>();
  let dynamic = false;
  const read = /(?:\breq\.query|\b(?:searchParams|search|params)\.get|useSearchParams\(\)\[0\]\.get)\(\s*([^)\s]?)/g;
  for (const match of source.matchAll(read)) {
    const quote = match[1] ?? '';
    if (!/['"`]/.test(quote)) {
      dynamic = true;
      continue;
    }
    const literal = new RegExp(`^${quote}([^${quote}]*)${quote}\\s*\\)`).exec(
      source.slice(match.index + match[0].length - 1),
    );
    if (literal?.[1] && !literal[1].includes('${')) names.add(literal[1]);
    else dynamic = true;
  }
  return { names: [...names].sort(), dynamic };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

const reads = new Map<string, { names: string[]; dynamic: boolean }>();
for (const file of [...sourceFiles('server'), ...sourceFiles('src')]) {
  const found = queryReads(readFileSync(join(root, file), 'utf8'));
  if (found.names.length > 0 || found.dynamic) reads.set(file, found);
}

/** The names a file reads: its literal reads and, for a list reader, the list's names. */
const namesReadBy = (file: string) => new Set([...(reads.get(file)?.names ?? []), ...(LIST_READERS[file] ?? [])]);

describe('queryReads (the scan)', () => {
  it('finds literal reads in every spelling the code uses, and marks reads by a variable', () => {
    const source = `
      const a = c.req.query('cursor');
      const b = url.searchParams.get("replytocom") ?? '';
      const d = search.get(\`page\`);
      export const usePageCursor = () => useSearchParams()[0].get('cursor') ?? '';
      const e = params.get( 'section' );
    `;
    expect(queryReads(source)).toEqual({ names: ['cursor', 'page', 'replytocom', 'section'], dynamic: false });
    expect(queryReads('readSearchInput((name) => c.req.query(name));')).toEqual({ names: [], dynamic: true });
    expect(queryReads('db.query(`LISTEN x`); cache.get("cursor"); map.get(key);')).toEqual({
      names: [],
      dynamic: false,
    });
  });

  it('sees the reads the code has today (so a scan that finds nothing cannot pass)', () => {
    expect(reads.get('server/images/routes.ts')?.names).toEqual(['src']);
    expect(reads.get('server/live/routes.ts')?.names).toEqual(['page', 'since']);
    expect(reads.get('src/lib/LoadMore.tsx')?.names).toEqual(['cursor']);
    expect(reads.get('server/search/routes.ts')?.dynamic).toBe(true);
  });
});

describe('the allow-list in scripts/varnish-query.ts', () => {
  it('keeps every parameter the code reads, for the file that reads it', () => {
    const missing: string[] = [];
    for (const [file, found] of reads) {
      for (const name of found.names) {
        if (!QUERY_FAMILIES.some((family) => family.keep[name]?.includes(file)))
          missing.push(`${name} (read by ${file})`);
      }
    }
    // A new read: add the parameter to its path family in scripts/varnish-query.ts and render the VCL again.
    expect(missing).toEqual([]);
  });

  it('knows every file that reads parameters by a list of names, and what the list holds', () => {
    const unknown = [...reads].filter(([file, found]) => found.dynamic && !LIST_READERS[file]).map(([file]) => file);
    expect(unknown).toEqual([]);
    expect(LIST_READERS['src/features/search/queries.ts']).toEqual([...SEARCH_FIELDS]);
  });

  it('names only files that still read the parameter (the VCL comment says who reads what)', () => {
    const stale: string[] = [];
    for (const family of QUERY_FAMILIES) {
      for (const [name, files] of Object.entries(family.keep)) {
        if (files.length === 0) stale.push(`${family.name}: ${name} has no reader`);
        for (const file of files)
          if (!namesReadBy(file).has(name)) stale.push(`${family.name}: ${file} does not read ${name}`);
      }
    }
    expect(stale).toEqual([]);
  });

  it.each([
    ['/', 'front page'],
    ['/index.php', 'old WordPress address'],
    ['/sections/harbour', 'section and author pages'],
    ['/authors/maya-okafor/', 'section and author pages'],
    ['/stories/harbour-lights', 'story page'],
    ['/search', 'search page'],
    ['/api/stories', 'story lists (API)'],
    ['/api/sections/harbour', 'story lists (API)'],
    ['/api/stories/harbour-lights/comments', 'comments (API)'],
    ['/api/stories/harbour-lights/live', 'live entries (API)'],
    ['/api/stories/harbour-lights/updates', 'live updates (API)'],
    ['/api/search', 'search (API)'],
    ['/api/admin/comments', 'admin API'],
    ['/img/0123abcd/640.avif', 'image variants'],
    ['/preview/12', 'WordPress previews'],
    ['/api/stories/harbour-lights', undefined],
    ['/feed.xml', undefined],
    ['/stories/harbour-lights/extra', undefined],
  ])('puts %s in the family %s (first match)', (path, name) => {
    expect(QUERY_FAMILIES.find((family) => new RegExp(family.path).test(path))?.name).toBe(name);
  });
});

describe('byline-query.vcl', () => {
  it('is committed as rendered (after changing the list: BYLINE_BACKENDS=127.0.0.1:3000 npm run vcl:render -- deploy/varnish)', () => {
    expect(readFileSync(join(root, 'deploy', 'varnish', 'byline-query.vcl'), 'utf8')).toBe(renderQueryVcl());
  });

  it('is called by byline.vcl for GET and HEAD, with std imported', () => {
    const vcl = readFileSync(join(root, 'deploy', 'varnish', 'byline.vcl'), 'utf8');
    expect(vcl).toContain('import std;');
    expect(vcl).toContain('include "./byline-query.vcl";');
    expect(vcl).toMatch(/if \(req\.method == "GET" \|\| req\.method == "HEAD"\) \{\s*call byline_query;/);
  });

  it('refuses a name or a path that would not be plain VCL', () => {
    const family = { name: 'x', path: '^/x$', keep: { cursor: ['a.ts'] } };
    expect(() => renderQueryVcl([{ ...family, keep: { 'a(b': ['a.ts'] } }])).toThrow(
      /"a\(b" is not a plain parameter name/,
    );
    expect(() => renderQueryVcl([{ ...family, path: '^/x"$' }])).toThrow(/may not hold "/);
    expect(() => renderQueryVcl([{ ...family, path: '^/x(' }])).toThrow();
  });
});
