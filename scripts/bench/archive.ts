import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthorFile, StoryFile } from '../../src/schema';
import { randomFrom, zipfWord } from './archiveWords';

const SECTIONS = ['City', 'Science', 'Culture', 'Climate', 'Sport', 'Business', 'Health', 'Education'];

/** `words` words drawn from the archive's vocabulary (scripts/bench/archiveWords.ts), the same for the same seed. */
function sentence(seed: number, words: number): string {
  const random = randomFrom(seed);
  const out: string[] = [];
  for (let index = 0; index < words; index++) out.push(zipfWord(random));
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/**
 * A newsroom's archive as content files: `stories` stories by `authors` authors, a paragraph-rich body each
 * (about 3 KB of JSON, like a real story), one story an hour back from a fixed date. The first author writes a
 * fifth of them, as a busy correspondent would. Its words follow a Zipf-like frequency over a vocabulary of
 * 4,000 (archiveWords.ts), so a word matches as many stories as it would in a real archive.
 * Deterministic: the same arguments write the same files.
 */
export function writeArchive(
  count: number,
  authors = 40,
  dir = mkdtempSync(join(tmpdir(), 'byline-archive-')),
): string {
  mkdirSync(join(dir, 'authors'), { recursive: true });
  mkdirSync(join(dir, 'stories'), { recursive: true });
  const authorIds = Array.from({ length: authors }, (_, index) => `correspondent-${index + 1}`);
  authorIds.forEach((id, index) => {
    const author: AuthorFile = {
      id,
      name: `Correspondent ${index + 1}`,
      role: 'Reporter',
      bio: sentence(1_000_000_000 + index, 30),
      social: [],
    };
    writeFileSync(join(dir, 'authors', `${id}.json`), JSON.stringify(author));
  });
  const slug = (index: number) => `archive-story-${index + 1}`;
  const start = Date.UTC(2026, 10, 1);
  for (let index = 0; index < count; index++) {
    const story: StoryFile = {
      slug: slug(index),
      section: SECTIONS[index % SECTIONS.length]!,
      headline: `${sentence(index * 16, 8).slice(0, -1)} (${index + 1})`,
      standfirst: sentence(index * 16 + 1, 24),
      excerpt: sentence(index * 16 + 2, 20),
      authorId: index % 5 === 0 ? authorIds[0]! : authorIds[1 + (index % (authors - 1))]!,
      publishedAt: new Date(start - index * 3_600_000).toISOString(),
      related: [1, 2, 3].map((step) => slug((index + step) % count)),
      tags: [],
      body: Array.from({ length: 8 }, (_, paragraph) => ({
        type: 'paragraph' as const,
        content: [{ type: 'text' as const, text: sentence(index * 16 + 3 + paragraph, 50) }],
      })),
    };
    writeFileSync(join(dir, 'stories', `${story.slug}.json`), JSON.stringify(story));
  }
  return dir;
}
