import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentProblemList } from '../../src/schema';
import { createTestApp } from '../../test/helpers/app';
import { makeAuthor, makeStory, relatedSet, seedContent, writeContentDir } from '../../test/helpers/content';
import { recordFileProblems, wordpressProblems } from './record';

const TOKEN = 'content-problems-token-0123456789';
const auth = { headers: { Authorization: `Bearer ${TOKEN}` } };

describe('GET /api/admin/content/problems', () => {
  it('lists each refused file with its line, column and plain message, and drops a file once it is fixed', async () => {
    const dir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
    const { app, store, ready } = createTestApp({ contentDir: dir, config: { adminToken: TOKEN } });
    await ready;
    const broken = JSON.stringify(makeStory('broken', { related: ['story-1', 'story-2', 'nowhere'] }), null, 2);
    writeFileSync(join(dir, 'stories', 'broken.json'), broken);
    writeFileSync(join(dir, 'stories', 'story-2.json'), '{\n  "slug": "story-2"\n  "section": "City"\n}');
    const record = recordFileProblems(store);
    await record((await seedContent(store, dir)).faults);

    expect((await app.request('/api/admin/content/problems')).status).toBe(401);
    const response = await app.request('/api/admin/content/problems', auth);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { problems } = ContentProblemList.parse(await response.json());
    expect(
      problems.map(({ source, item, path, line, column, message, outcome }) => ({
        source,
        item,
        path,
        line,
        column,
        message,
        outcome,
      })),
    ).toEqual([
      {
        source: 'files',
        item: 'stories/broken.json',
        path: 'related[2]',
        line: 12,
        column: 5,
        message: 'related[2]: story "nowhere" does not exist',
        outcome: 'not published',
      },
      {
        source: 'files',
        item: 'stories/story-2.json',
        path: '',
        line: 3,
        column: 3,
        message: 'not valid JSON: unexpected "\\"": expected "," or "}"',
        outcome: 'the last good version stays',
      },
    ]);

    // Fixed: the next sync's list no longer has it.
    writeFileSync(join(dir, 'stories', 'story-2.json'), JSON.stringify(relatedSet()['story-2']));
    await record((await seedContent(store, dir)).faults);
    const after = ContentProblemList.parse(await (await app.request('/api/admin/content/problems', auth)).json());
    expect(after.problems.map((problem) => problem.item)).toEqual(['stories/broken.json']);
  });

  it('keeps a refused WordPress post until it is stored or no longer published', async () => {
    const { app, store, ready } = createTestApp({ config: { adminToken: TOKEN } });
    await ready;
    const wordpress = wordpressProblems(store);
    await wordpress.refused(7, 'title.rendered: must be text', 'not published');
    await wordpress.refused(8, 'password protected', 'the last good version stays');
    const items = async () =>
      ContentProblemList.parse(await (await app.request('/api/admin/content/problems', auth)).json()).problems.map(
        (problem) => `${problem.source} ${problem.item}: ${problem.message} (${problem.outcome})`,
      );
    expect(await items()).toEqual([
      'wordpress 7: title.rendered: must be text (not published)',
      'wordpress 8: password protected (the last good version stays)',
    ]);
    await wordpress.settle(new Set([7]), undefined);
    expect(await items()).toEqual(['wordpress 8: password protected (the last good version stays)']);
    await wordpress.settle(new Set(), new Set([1, 2]));
    expect(await items()).toEqual([]);
  });
});
