import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as z from 'zod/mini';
import { AuthorFile, StoryFile } from '../../src/schema';

z.config(z.locales.en());

export interface ContentFault {
  file: string;
  path: string;
  message: string;
}

export interface Content {
  authors: AuthorFile[];
  stories: StoryFile[];
  faults: ContentFault[];
  /** Story files that exist but were refused: their last good version stays served. */
  refusedStories: string[];
}

export const formatFault = (fault: ContentFault) =>
  fault.path ? `${fault.file}: ${fault.path}: ${fault.message}` : `${fault.file}: ${fault.message}`;

/** ["body", 3, "src"] -> "body[3].src", the way a publisher would point at it in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

function parseFiles<T>(dir: string, schema: z.ZodMiniType<T>, displayRoot: string, faults: ContentFault[]) {
  const parsed: { file: string; name: string; data: T }[] = [];
  const refused: string[] = [];
  for (const path of jsonFiles(dir)) {
    const file = relative(displayRoot, path) || path;
    const name = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      faults.push({ file, path: '', message: `Invalid JSON: ${(error as Error).message}` });
      refused.push(name);
      continue;
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) faults.push({ file, path: formatPath(issue.path), message: issue.message });
      refused.push(name);
      continue;
    }
    parsed.push({ file, name, data: result.data });
  }
  return { parsed, refused };
}

/**
 * Reads and validates every author and story file, including the links between them.
 * A faulty file is left out and reported; the rest load, so one typo never takes the site down.
 */
export function readContent(
  contentDir: string,
  displayRoot = process.cwd(),
  /** What other sources (the publishing API, WordPress) publish, which files may name too. */
  elsewhere: { slugs: Iterable<string>; authorIds: Iterable<string> } = { slugs: [], authorIds: [] },
): Content {
  const faults: ContentFault[] = [];
  const { parsed: authorFiles } = parseFiles(join(contentDir, 'authors'), AuthorFile, displayRoot, faults);
  const { parsed: storyFiles, refused: refusedStories } = parseFiles(
    join(contentDir, 'stories'),
    StoryFile,
    displayRoot,
    faults,
  );

  const authors = authorFiles.filter(({ file, name, data }) => {
    if (data.id === name) return true;
    faults.push({ file, path: 'id', message: `The id "${data.id}" must match the file name "${name}.json"` });
    return false;
  });
  const authorIds = new Set([...authors.map(({ data }) => data.id), ...elsewhere.authorIds]);
  // A refused file still names a story that exists (its last good version is served), so links to it hold.
  const knownSlugs = new Set([...storyFiles.map(({ data }) => data.slug), ...refusedStories, ...elsewhere.slugs]);

  const stories = storyFiles.filter(({ file, name, data }) => {
    const before = faults.length;
    if (data.slug !== name)
      faults.push({ file, path: 'slug', message: `The slug "${data.slug}" must match the file name "${name}.json"` });
    if (!authorIds.has(data.authorId))
      faults.push({ file, path: 'authorId', message: `Unknown author "${data.authorId}"` });
    data.related.forEach((slug, index) => {
      if (slug === data.slug) faults.push({ file, path: `related[${index}]`, message: 'A story cannot be related to itself' });
      else if (!knownSlugs.has(slug)) faults.push({ file, path: `related[${index}]`, message: `Unknown story "${slug}"` });
    });
    if (faults.length === before) return true;
    refusedStories.push(name);
    return false;
  });

  return {
    authors: authors.map(({ data }) => data),
    stories: stories.map(({ data }) => data),
    faults,
    refusedStories,
  };
}
