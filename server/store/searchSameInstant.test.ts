import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngine } from '../../test/helpers/engine';
import { makeAuthor, makeStory } from '../../test/helpers/content';
import { createChanges } from '../changes';
import { parseQuery } from '../content';
import { openStore, type Store } from '.';

// An import that dates hundreds of stories alike, to the millisecond: more than SQLite's index has places for
// within one millisecond (256). Every one is stored and found (a clash was a 500, a full millisecond a hang).
const STORIES = 300;
let store: Store;

beforeAll(async () => {
  const { databaseUrl, created } = freshDatabase();
  await created;
  store = await openStore({ dbPath: ':memory:', databaseUrl, searchCandidates: 1000 });
  const writer = store.content(createChanges());
  await writer.upsertAuthor('files', makeAuthor());
  for (let n = 0; n < STORIES; n++) {
    await writer.upsertStory(
      'files',
      makeStory(`alike-${n}`, { headline: `Lighthouse log ${n}`, publishedAt: '2026-11-20T12:00:00.000Z' }),
    );
  }
  // Written again: a story keeps one place.
  await writer.upsertStory(
    'files',
    makeStory('alike-7', { headline: 'Lighthouse log 7, corrected', publishedAt: '2026-11-20T12:00:00.000Z' }),
  );
}, 120_000);

afterAll(async () => {
  await store.close();
});

describe(`stories dated alike to the millisecond (${testEngine})`, () => {
  it('are all stored and found, each once', async () => {
    const parsed = parseQuery('lighthouse');
    if (!parsed.ok) throw new Error('does not parse');
    const answer = await store.search.find({ query: parsed.query, filters: {}, offset: 0, limit: 10 });
    expect(answer.total).toBe(STORIES);
    const corrected = parseQuery('corrected');
    if (!corrected.ok) throw new Error('does not parse');
    const found = await store.search.find({ query: corrected.query, filters: {}, offset: 0, limit: 10 });
    expect(found.results.map((hit) => hit.slug)).toEqual(['alike-7']);
  });
});
