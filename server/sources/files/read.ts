import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as z from 'zod/mini';
import type { AuthorFile, StoryFile } from '../../../src/schema';
import { formatPath, type ContentFault } from '../../content';

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
  if (!authorIds.has(data.authorId))
    faults.push({ file, path: 'authorId', message: `Unknown author "${data.authorId}"` });
  data.related.forEach((slug, index) => {
    if (slug === data.slug)
      faults.push({ file, path: `related[${index}]`, message: 'A story cannot be related to itself' });
    else if (!knownSlugs.has(slug))
      faults.push({ file, path: `related[${index}]`, message: `Unknown story "${slug}"` });
  });
  return faults;
}
