import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchFilters } from '../../src/schema';
import { freshDatabase, testEngine } from '../../test/helpers/engine';
import { makeAuthor, makeStory } from '../../test/helpers/content';
import { createChanges } from '../changes';
import { parseQuery } from '../content';
import { openStore, type Store } from '.';

// Run on SQLite in `unit` and on PostgreSQL in `unit-pg`: search ranks and counts only the newest matches.
const BOUND = 5;
let store: Store;

const hours = (n: number) => new Date(Date.UTC(2026, 10, 20, 12) - n * 3_600_000).toISOString();
const hour = (n: number) => hours(3 * n);

/**
 * Twelve stories with "kelp", one every three hours back from 20 November 12:00 (kelp-0, the newest, to kelp-4 on
 * the 20th, the others on the 19th). Two have it in the headline: kelp-3 (among the five newest) and kelp-9
 * (older than the bound reaches). kelp-8 to kelp-11 are in Sport, the rest in City. Two more stories share one
 * instant, to the millisecond.
 */
beforeAll(async () => {
  const { databaseUrl, created } = freshDatabase();
  await created;
  store = await openStore({ dbPath: ':memory:', databaseUrl, searchCandidates: BOUND });
  const writer = store.content(createChanges());
  await writer.upsertAuthor('files', makeAuthor());
  for (let n = 0; n < 12; n++) {
    await writer.upsertStory(
      'files',
      makeStory(`kelp-${n}`, {
        headline: n === 3 || n === 9 ? 'Kelp forest returns' : `Story number ${n}`,
        section: n >= 8 ? 'Sport' : 'City',
        publishedAt: hour(n),
        body: [{ type: 'paragraph', content: [{ type: 'text', text: `Divers counted the kelp again (${n}).` }] }],
      }),
    );
  }
  for (const slug of ['twin-a', 'twin-b']) {
    await writer.upsertStory('files', makeStory(slug, { headline: 'Twin otters', publishedAt: hour(30) }));
  }
});

afterAll(async () => {
  await store.close();
});

async function find(q: string, filters: SearchFilters = {}, offset = 0) {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(`${q} does not parse`);
  return store.search.find({ query: parsed.query, filters, offset, limit: 10 });
}

const slugs = (answer: { results: { slug: string }[] }) => answer.results.map((hit) => hit.slug);

describe(`search ranks the newest ${BOUND} matches (${testEngine})`, () => {
  it('ranks the best of the newest matches first and says more match', async () => {
    const answer = await find('kelp');
    expect(answer).toMatchObject({ total: BOUND, more: true });
    expect(slugs(answer)[0]).toBe('kelp-3');
    expect(new Set(slugs(answer))).toEqual(new Set(['kelp-0', 'kelp-1', 'kelp-2', 'kelp-3', 'kelp-4']));
    // Counted over the same newest five: four in City, one in Sport is too old to be among them.
    expect(answer.facets.sections).toEqual([{ slug: 'city', name: 'City', count: BOUND }]);
  });

  it('pages within the bound, each candidate once', async () => {
    const first = await find('kelp');
    const rest = await find('kelp', {}, 3);
    expect(slugs(first).slice(3)).toEqual(slugs(rest));
  });

  it('bounds after the filters: a section or dates reach the older matches', async () => {
    const sport = await find('kelp', { section: 'sport' });
    expect(sport).toMatchObject({ total: 4, more: false });
    expect(slugs(sport)[0]).toBe('kelp-9');
    // The section facet counts as if the section filter were off: the newest five of any section.
    expect(sport.facets.sections).toEqual([{ slug: 'city', name: 'City', count: BOUND }]);
    const older = await find('kelp', { to: '2026-11-19' });
    expect(older).toMatchObject({ total: BOUND, more: true });
    expect(slugs(older)[0]).toBe('kelp-9');
    expect(new Set(slugs(older))).toEqual(new Set(['kelp-5', 'kelp-6', 'kelp-7', 'kelp-8', 'kelp-9']));
    const recent = await find('kelp', { from: '2026-11-20' });
    expect(slugs(recent)[0]).toBe('kelp-3');
    expect(recent.facets.years).toEqual([{ year: '2026', count: BOUND }]);
  });

  it('counts exactly when fewer than the bound match', async () => {
    const answer = await find('forest');
    expect(answer).toMatchObject({ total: 2, more: false });
    expect(new Set(slugs(answer))).toEqual(new Set(['kelp-3', 'kelp-9']));
  });

  it('keeps two stories of the same instant apart, and one entry per story after an edit', async () => {
    expect(new Set(slugs(await find('otters')))).toEqual(new Set(['twin-a', 'twin-b']));
    const writer = store.content(createChanges());
    await writer.upsertStory('files', makeStory('twin-a', { headline: 'Twin otters again', publishedAt: hour(30) }));
    const answer = await find('otters');
    expect(answer.total).toBe(2);
    expect(new Set(slugs(answer))).toEqual(new Set(['twin-a', 'twin-b']));
  });
});
