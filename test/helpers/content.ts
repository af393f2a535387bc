import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ZodMiniType } from 'zod/mini';
import { AuthorFile, StoryFile, type PageFile } from '../../src/schema';
import { createChanges, type Changes } from '../../server/changes';
import { jsonFiles, parseFile } from '../../server/sources';
import { syncFiles } from '../../server/sources';
import type { Store } from '../../server/store';
import { scratchDir } from './scratch';

export function makeAuthor(overrides: Partial<AuthorFile> = {}): AuthorFile {
  return {
    id: 'ada-test',
    name: 'Ada Tester',
    role: 'Test correspondent',
    bio: 'Writes the stories that tests read.',
    social: [{ network: 'website', url: 'https://ada.example' }],
    ...overrides,
  };
}

export function makeStory(slug: string, overrides: Partial<StoryFile> = {}): StoryFile {
  return {
    slug,
    section: 'City',
    headline: `Headline of ${slug}`,
    standfirst: `Standfirst of ${slug}.`,
    excerpt: `Excerpt of ${slug}.`,
    authorId: 'ada-test',
    publishedAt: '2026-11-01T09:00:00Z',
    related: [],
    tags: [],
    body: [{ type: 'paragraph', content: [{ type: 'text', text: `Body of ${slug}.` }] }],
    ...overrides,
  };
}

export function makePage(slug: string, overrides: Partial<PageFile> = {}): PageFile {
  return {
    slug,
    title: `Title of ${slug}`,
    description: `Description of ${slug}.`,
    updatedAt: '2026-11-01T09:00:00Z',
    body: [{ type: 'paragraph', content: [{ type: 'text', text: `Body of ${slug}.` }] }],
    ...overrides,
  };
}

/** A content folder in a temp dir holding exactly these files (values are written as JSON as given). */
export function writeContentDir(files: { authors?: unknown[]; stories?: Record<string, unknown> }): string {
  const dir = scratchDir('content');
  mkdirSync(join(dir, 'authors'));
  mkdirSync(join(dir, 'stories'));
  for (const author of files.authors ?? []) {
    writeFileSync(join(dir, 'authors', `${(author as { id: string }).id}.json`), JSON.stringify(author));
  }
  for (const [name, story] of Object.entries(files.stories ?? {})) {
    writeFileSync(join(dir, 'stories', `${name}.json`), typeof story === 'string' ? story : JSON.stringify(story));
  }
  return dir;
}

/** Four stories that all relate to each other: the smallest valid set. */
export function relatedSet(prefix = 'story'): Record<string, StoryFile> {
  const slugs = [1, 2, 3, 4].map((n) => `${prefix}-${n}`);
  return Object.fromEntries(
    slugs.map((slug, index) => [
      slug,
      makeStory(slug, {
        related: slugs.filter((other) => other !== slug),
        publishedAt: `2026-11-0${index + 1}T09:00:00Z`,
      }),
    ]),
  );
}

/**
 * Loads a content folder into a store the way the server does (the file source's syncFiles), telling its own
 * change bus unless given one: a test that wants caches to follow passes the app's.
 */
export function seedContent(store: Store, dir: string, changes: Changes = createChanges()) {
  return syncFiles(store.content(changes), dir, { displayRoot: dir });
}

/**
 * The authors and stories a content folder holds, parsed as the file source parses them (defaults filled in),
 * for a test to know what it seeded before the store has it. Files that do not parse are left out.
 */
export function contentFiles(dir: string): { authors: AuthorFile[]; stories: StoryFile[] } {
  const parsed = <T>(folder: string, schema: ZodMiniType<T>) =>
    jsonFiles(join(dir, folder)).flatMap((path) => parseFile(path, schema, dir).data ?? []);
  return { authors: parsed('authors', AuthorFile), stories: parsed('stories', StoryFile) };
}
