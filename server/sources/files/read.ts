import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as z from 'zod/mini';
import type { AuthorFile, PageFile, StoryFile } from '../../../src/schema';
import { formatPath, type ContentFault } from '../../content';
import { jsonSyntaxError, locate, positionAt, type TextPosition } from '../../content';
import { issuePath, plainIssue } from '../../content';

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
  /** The line and column a JSON path points at in the file's text (the enclosing object when it is absent). */
  at: (path: readonly PropertyKey[]) => TextPosition;
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
  const at = (jsonPath: readonly PropertyKey[]) => positionAt(raw, locate(raw, jsonPath).offset);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const syntax = jsonSyntaxError(raw) ?? { offset: 0, message: (error as Error).message };
    const message = `not valid JSON: ${syntax.message}`;
    return { file, name, at, faults: [{ file, path: '', message, ...positionAt(raw, syntax.offset) }] };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const faults: ContentFault[] = [];
    for (const issue of result.error.issues) {
      const field = formatPath(issue.path);
      // One fault a field: zod goes on checking a list's length on text that should have been a list.
      if (faults.some((fault) => fault.path === field && issue.code !== 'unrecognized_keys')) continue;
      const where = locate(raw, issuePath(issue));
      faults.push({ file, path: field, message: plainIssue(issue, where.found), ...positionAt(raw, where.offset) });
    }
    return { file, name, at, faults };
  }
  return { file, name, at, data: result.data, faults: [] };
}

type Checked<T> = Pick<ParsedFile<T>, 'file' | 'name' | 'at'> & { data: T };

/** A fault at a JSON path of a parsed file, pointed at by line and column. */
function faultAt<T>({ file, at }: Checked<T>, path: (string | number)[], message: string): ContentFault {
  const field = formatPath(path);
  return { file, path: field, message: `${field}: ${message}`, ...at(path) };
}

export function authorFaults(parsed: Checked<AuthorFile>): ContentFault[] {
  const { name, data } = parsed;
  return data.id === name ? [] : [faultAt(parsed, ['id'], `"${data.id}" must match the file name "${name}.json"`)];
}

/** A page file's slug must be its file name, as a story's is. */
export function pageFaults(parsed: Checked<PageFile>): ContentFault[] {
  const { name, data } = parsed;
  if (data.slug === name) return [];
  return [faultAt(parsed, ['slug'], `"${data.slug}" must match the file name "${name}.json"`)];
}

/** A valid story file may still name what does not exist: an unknown author, a related story nobody publishes. */
export function storyFaults(
  parsed: Checked<StoryFile>,
  authorIds: ReadonlySet<string>,
  knownSlugs: ReadonlySet<string>,
): ContentFault[] {
  const { name, data } = parsed;
  const faults: ContentFault[] = [];
  if (data.slug !== name)
    faults.push(faultAt(parsed, ['slug'], `"${data.slug}" must match the file name "${name}.json"`));
  if (!authorIds.has(data.authorId))
    faults.push(faultAt(parsed, ['authorId'], `author "${data.authorId}" does not exist`));
  data.related.forEach((slug, index) => {
    if (slug === data.slug) faults.push(faultAt(parsed, ['related', index], 'a story cannot be related to itself'));
    else if (!knownSlugs.has(slug)) faults.push(faultAt(parsed, ['related', index], `story "${slug}" does not exist`));
  });
  return faults;
}
