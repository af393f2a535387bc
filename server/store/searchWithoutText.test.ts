import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngine } from '../../test/helpers/engine';
import { makeAuthor, makeStory } from '../../test/helpers/content';
import type { StoryFile } from '../../src/schema';
import { createChanges } from '../changes';
import { parseQuery } from '../content';
import { openStore, type Store } from '.';

// The index keeps no copy of the stories' text (migration 0013): snippets are cut from the story as it is now,
// and an edit takes its old words out of the index.
let store: Store;
const body = (text: string): StoryFile['body'] => [{ type: 'paragraph', content: [{ type: 'text', text }] }];

beforeAll(async () => {
  const { databaseUrl, created } = freshDatabase();
  await created;
  store = await openStore({ dbPath: ':memory:', databaseUrl });
  const writer = store.content(createChanges());
  await writer.upsertAuthor('files', makeAuthor());
  await writer.upsertStory('files', makeStory('quokka', { body: body('The quokka crossed the old bridge at dawn.') }));
}, 60_000);

afterAll(async () => {
  await store.close();
});

async function find(words: string) {
  const parsed = parseQuery(words);
  if (!parsed.ok) throw new Error(`${words} does not parse`);
  return store.search.find({ query: parsed.query, filters: {}, offset: 0, limit: 10 });
}

const marked = (answer: Awaited<ReturnType<typeof find>>) =>
  answer.results.flatMap((hit) => hit.snippet.filter((part) => part.match).map((part) => part.text));

describe(`search without a copy of the text (${testEngine})`, () => {
  it('cuts the snippet from the story and forgets an edited story’s old words', async () => {
    expect(marked(await find('bridge'))).toEqual(['bridge']);
    await store
      .content(createChanges())
      .upsertStory('files', makeStory('quokka', { body: body('The quokka swam beside the new ferry instead.') }));
    expect((await find('bridge')).total).toBe(0);
    const ferry = await find('ferry');
    expect(marked(ferry)).toEqual(['ferry']);
    expect(ferry.results[0]!.snippet.map((part) => part.text).join('')).toContain('swam beside the new ferry');
  });

  it('holds none of the body in the index', async () => {
    if (testEngine === 'postgres') {
      const columns = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
        WHERE table_name = 'story_search' AND data_type = 'text'`.execute(store.db);
      expect(columns.rows.map((row) => row.name).sort()).toEqual(['author_id', 'section', 'section_slug', 'slug']);
    } else {
      const texts = await sql<{ body: string | null }>`SELECT body FROM search_fts`.execute(store.db);
      expect(texts.rows).toEqual([{ body: null }]);
    }
  });
});
