import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/engine';
import type { Store } from './index';

let store: Store | undefined;
afterEach(() => store?.close());

describe('the content problems and running servers tables', () => {
  it('replace a source’s problems, one item’s, and forget items no longer there', async () => {
    const opened = (store = await openTestStore());
    const problems = opened.contentProblems;
    await problems.replaceAll('files', [
      { item: 'stories/a.json', message: 'headline is required', path: 'headline', line: 1, column: 1 },
      { item: 'stories/a.json', message: 'section is empty', path: 'section', line: 3, column: 3 },
      { item: 'stories/b.json', message: 'not valid JSON', outcome: 'not published' },
    ]);
    await problems.replaceItem('wordpress', '9', [{ item: '9', message: 'password protected' }]);
    const summary = async () =>
      (await problems.list()).map((p) => `${p.source} ${p.item} ${p.line ?? '-'}:${p.column ?? '-'} ${p.message}`);
    expect(await summary()).toEqual([
      'files stories/a.json 1:1 headline is required',
      'files stories/a.json 3:3 section is empty',
      'files stories/b.json -:- not valid JSON',
      'wordpress 9 -:- password protected',
    ]);
    await problems.replaceAll('files', [{ item: 'stories/b.json', message: 'still broken' }]);
    await problems.keepOnly('wordpress', new Set(['1']));
    expect(await summary()).toEqual(['files stories/b.json -:- still broken']);
  });

  it('count a server as running while it refreshes its row, and not once it has left', async () => {
    const opened = (store = await openTestStore());
    const me = { id: 'server-a', host: 'web-1', pid: 42, startedAt: new Date().toISOString() };
    await opened.servers.beat(me);
    await opened.servers.beat(me);
    expect((await opened.servers.running()).map((server) => server.host)).toEqual(['web-1']);
    expect(await opened.servers.running(-60_000)).toEqual([]);
    await opened.servers.leave('server-a');
    expect(await opened.servers.running()).toEqual([]);
  });
});
