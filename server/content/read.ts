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

export function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/** "content/stories/x.json" -> "x": the id or slug a file must carry. */
export const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1, -'.json'.length);

export interface ParsedFile<T> {
  file: string;
  name: string;
  /** Absent when the file was refused; `faults` says why. */
  data?: T;
  faults: ContentFault[];
}

/** Validates one file's text against its schema; `raw` lets a caller that already read the file skip a read. */
export function parseFile<T>(
  path: string,
  schema: z.ZodMiniType<T>,
  displayRoot: string,
  raw: string = readFileSync(path, 'utf8'),
): ParsedFile<T> {
  const file = relative(displayRoot, path) || path;
  const name = fileName(path);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { file, name, faults: [{ file, path: '', message: `Invalid JSON: ${(error as Error).message}` }] };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    return {
      file,
      name,
      faults: result.error.issues.map((issue) => ({ file, path: formatPath(issue.path), message: issue.message })),
    };
  }
  return { file, name, data: result.data, faults: [] };
}

function parseFiles<T>(dir: string, schema: z.ZodMiniType<T>, displayRoot: string, faults: ContentFault[]) {
  const parsed: { file: string; name: string; data: T }[] = [];
  const refused: string[] = [];
  for (const path of jsonFiles(dir)) {
    const result = parseFile(path, schema, displayRoot);
    faults.push(...result.faults);
    if (result.data === undefined) refused.push(result.name);
    else parsed.push({ file: result.file, name: result.name, data: result.data });
  }
  return { parsed, refused };
}

export function authorFaults({ file, name, data }: { file: string; name: string; data: AuthorFile }): ContentFault[] {
  return data.id === name
    ? []
    : [{ file, path: 'id', message: `The id "${data.id}" must match the file name "${name}.json"` }];
}

/** A valid story file may still name what does not exist: an unknown author, a related story nobody publishes. */
export function storyFaults(
  { file, name, data }: { file: string; name: string; data: StoryFile },
  authorIds: ReadonlySet<string>,
  knownSlugs: ReadonlySet<string>,
): ContentFault[] {
  const faults: ContentFault[] = [];
  if (data.slug !== name)
    faults.push({ file, path: 'slug', message: `The slug "${data.slug}" must match the file name "${name}.json"` });
  if (!authorIds.has(data.authorId)) faults.push({ file, path: 'authorId', message: `Unknown author "${data.authorId}"` });
  data.related.forEach((slug, index) => {
    if (slug === data.slug) faults.push({ file, path: `related[${index}]`, message: 'A story cannot be related to itself' });
    else if (!knownSlugs.has(slug)) faults.push({ file, path: `related[${index}]`, message: `Unknown story "${slug}"` });
  });
  return faults;
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

  const authors = authorFiles.filter((author) => {
    const found = authorFaults(author);
    faults.push(...found);
    return found.length === 0;
  });
  const authorIds = new Set([...authors.map(({ data }) => data.id), ...elsewhere.authorIds]);
  // A refused file still names a story that exists (its last good version is served), so links to it hold.
  const knownSlugs = new Set([...storyFiles.map(({ data }) => data.slug), ...refusedStories, ...elsewhere.slugs]);

  const stories = storyFiles.filter((story) => {
    const found = storyFaults(story, authorIds, knownSlugs);
    if (found.length === 0) return true;
    faults.push(...found);
    refusedStories.push(story.name);
    return false;
  });

  return {
    authors: authors.map(({ data }) => data),
    stories: stories.map(({ data }) => data),
    faults,
    refusedStories,
  };
}
