import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The repository stands alone: a clone of it, with nothing beside it, has every file its tests, scripts, bench and
 * CI read. Written from parts so that this file does not match itself.
 */
const root = join(import.meta.dirname, '..', '..');
const OUTSIDE = new RegExp(['(\\.\\./|/work/)', 'shared', '\\b'].join(''));
/** Made by npm install, a build, a test run or the bench (all git-ignored), so never in a fresh clone. */
const GENERATED = new Set(['dist', 'test-results', 'node_modules', 'bench']);

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

/** Tracked text files (a NUL byte marks a binary one) with the lines matching `pattern`, as "path:line: text". */
function trackedLinesMatching(repo: string, pattern: RegExp): string[] {
  const hits: string[] = [];
  for (const path of git(repo, 'ls-files', '-z').split('\0').filter(Boolean)) {
    const file = join(repo, path);
    if (!existsSync(file)) continue;
    const text = readFileSync(file);
    if (text.includes(0)) continue;
    text
      .toString('utf8')
      .split('\n')
      .forEach((line, index) => {
        if (pattern.test(line)) hits.push(`${path}:${index + 1}: ${line.trim()}`);
      });
  }
  return hits;
}

/** A path a source file names relative to itself or to the repository root, as written and resolved. */
interface Reference {
  from: string;
  written: string;
  path: string;
}

const segments = (list: string) => [...list.matchAll(/'([^']*)'/g)].map((match) => match[1]!);

/**
 * The paths the TypeScript and shell files of the tests, scripts and CI build from literals: `new URL('…',
 * import.meta.url)`, `fixture('./…')`, `join(import.meta.dirname, '…', …)`, `join(root, '…', …)` and, in shell,
 * "$dir/…" or "$(dirname "$0")/…".
 */
function referencedPaths(repo: string): Reference[] {
  const references: Reference[] = [];
  const files = git(repo, 'ls-files', '-z', '--', 'server', 'scripts', 'test', 'src', '.ci', 'vitest.config.ts')
    .split('\0')
    .filter((path) => /\.(ts|tsx|mjs|sh)$/.test(path) || path === '.ci/run');
  for (const path of files) {
    const text = readFileSync(join(repo, path), 'utf8');
    const here = dirname(join(repo, path));
    const add = (written: string, base: string, parts: string[]) =>
      references.push({ from: path, written, path: resolve(base, ...parts) });
    for (const match of text.matchAll(/new URL\('([^'$`]+)', import\.meta\.url\)/g)) add(match[0], here, [match[1]!]);
    for (const match of text.matchAll(/fixture\('(\.[^'$`]*)'\)/g)) add(match[0], here, [match[1]!]);
    for (const match of text.matchAll(/join\(import\.meta\.dirname((?:, '[^']*')+)\)/g))
      add(match[0], here, segments(match[1]!));
    for (const match of text.matchAll(/join\(root((?:, '[^']*')+)\)/g)) add(match[0], repo, segments(match[1]!));
    for (const match of text.matchAll(/"\$(?:dir|here|\(dirname "\$0"\))"?\/([^"\s]+)/g))
      add(match[0], here, [match[1]!.replace(/\$\{?\w+\}?.*$/, '')]);
  }
  return references;
}

let clone: string;
let cloned: string;

beforeAll(() => {
  cloned = mkdtempSync(join(tmpdir(), 'byline-clone-'));
  clone = join(cloned, 'byline');
  // HEAD as committed: what is uncommitted here cannot matter to someone who clones.
  const head = git(root, 'rev-parse', 'HEAD').trim();
  git(cloned, 'clone', '--quiet', '--no-checkout', root, clone);
  git(clone, 'checkout', '--quiet', '--detach', head);
}, 60_000);

afterAll(() => {
  if (cloned) rmSync(cloned, { recursive: true, force: true });
});

describe('the repository on its own', () => {
  it('has no tracked file that refers to a folder beside the repository', () => {
    expect(trackedLinesMatching(root, OUTSIDE)).toEqual([]);
  });

  it('the check finds such a reference when there is one', () => {
    expect(OUTSIDE.test(`bash ${['..', 'shared'].join('/')}/peers/x/start.sh`)).toBe(true);
    expect(OUTSIDE.test('the shared cache; shared-secret')).toBe(false);
  });

  it('the path scan sees a path that climbs out of the repository, and a file that is not there', () => {
    const repo = join(cloned, 'scan-check');
    git(cloned, 'init', '--quiet', repo);
    mkdirSync(join(repo, 'scripts'));
    // Joined from parts so that the scan of this repository does not find them in this file.
    const climbing = ['join(root', "'..'", "'elsewhere'", "'a.json');"].join(', ');
    const missing = ['new URL(', "'../missing.json'", ', import.meta.url);'].join('');
    writeFileSync(join(repo, 'scripts', 'x.ts'), `${climbing}\n${missing}\n`);
    git(repo, 'add', '.');
    const found = referencedPaths(repo).map((reference) => reference.path);
    expect(found).toEqual([join(repo, 'missing.json'), join(cloned, 'elsewhere', 'a.json')]);
    expect(existsSync(found[0]!)).toBe(false);
  });

  it('a clone of HEAD alone refers to nothing outside itself either', () => {
    expect(trackedLinesMatching(clone, OUTSIDE)).toEqual([]);
  });

  it('a clone of HEAD holds every file its tests, scripts and CI name, and none of those paths leaves it', () => {
    const references = referencedPaths(clone);
    // The scan must see what it is meant to: the WordPress fixtures and harness at least.
    const seen = references.map((reference) => relative(clone, reference.path));
    expect(seen).toEqual(
      expect.arrayContaining([
        join('test', 'fixtures', 'wordpress-rest', 'frontity-wp-post-60-embedded.json'),
        join('test', 'fixtures', 'wordpress-rest', 'frontity-wp-post-60-comments.json'),
        join('test', 'fixtures', 'wordpress', 'site.json'),
        join('test', 'wordpress'),
        join('scripts', 'install-packages.sh'),
      ]),
    );
    const outside = references.filter(
      (reference) => reference.path !== clone && !reference.path.startsWith(clone + sep),
    );
    expect(outside).toEqual([]);
    const absent = references.filter((reference) => {
      const top = relative(clone, reference.path).split(sep)[0]!;
      return !GENERATED.has(top) && extname(reference.path) !== '' && !existsSync(reference.path);
    });
    expect(absent).toEqual([]);
  });

  it('a clone of HEAD has the fixtures the WordPress tests read, and the harness that serves WordPress', () => {
    for (const path of [
      'test/fixtures/wordpress-rest/frontity-wp-post-60-embedded.json',
      'test/fixtures/wordpress-rest/frontity-wp-post-60-comments.json',
      'test/fixtures/wordpress-rest/wp-core-comments-collection.json',
      'test/fixtures/wordpress-rest/SOURCES.md',
      'test/fixtures/wordpress/site.json',
      'test/wordpress/start.sh',
      'test/wordpress/stop.sh',
      'test/wordpress/load-site.php',
      'test/wordpress/sample-site.json',
      'test/wordpress/packages.txt',
      'scripts/install-packages.sh',
      'scripts/test-prerequisites.sh',
    ])
      expect(existsSync(join(clone, path)), path).toBe(true);
    for (const name of ['test/wordpress/sample-site.json', 'test/fixtures/wordpress/site.json'])
      expect(() => JSON.parse(readFileSync(join(clone, name), 'utf8')) as unknown, name).not.toThrow();
  });
});
