import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import cycle in the project's own code: a cycle makes module start-up order matter (a value read before
 * its module ran is undefined) and ties layers that should depend one way. Type-only imports count too: they
 * cannot change what runs first, but they tie the layers just the same.
 */
const root = join(import.meta.dirname, '..', '..');
const FOLDERS = ['server', 'src', 'scripts', 'test'];
const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return EXTENSIONS.some((extension) => name.endsWith(extension)) ? [path] : [];
  });
}

/** The relative modules a file imports: static imports, type imports and re-exports. */
export function relativeImports(code: string): string[] {
  const statement = /^\s*(?:import|export)\s[^'";]*?\sfrom\s*['"](\.[^'"]*)['"]|^\s*import\s*['"](\.[^'"]*)['"]/gm;
  return [...code.matchAll(statement)].map(([, from, bare]) => (from ?? bare)!);
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
  const jsAsTs = base.replace(/\.js$/, '');
  candidates.push(...EXTENSIONS.map((e) => jsAsTs + e));
  return candidates.find(
    (path) => existsSync(path) && statSync(path).isFile() && EXTENSIONS.some((e) => path.endsWith(e)),
  );
}

/** Strongly connected components of more than one file (or a file importing itself): Tarjan's algorithm. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component);
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe('imports', () => {
  it('reads every relative import, type-only ones too', () => {
    const code = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C, type D } from './c';",
      "import { type E, f } from './e';",
      "export { g } from './g';",
      "export type { H } from './h';",
      "import './side-effect.css';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(relativeImports(code)).toEqual(['./a', './b', './c', './e', './g', './h', './side-effect.css']);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(graph).map((cycle) => cycle.sort())).toEqual([['a', 'b', 'c']]);
  });

  it('finds no cycle in the project', () => {
    const files = FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)));
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const targets = relativeImports(readFileSync(file, 'utf8')).flatMap(
        (specifier) => resolveImport(file, specifier) ?? [],
      );
      graph.set(file, targets);
    }
    expect(graph.size).toBeGreaterThan(100);
    const named = cycles(graph).map((cycle) => cycle.map((file) => relative(root, file)).sort());
    expect(named).toEqual([]);
  });
});
