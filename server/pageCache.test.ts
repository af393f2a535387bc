import { describe, expect, it } from 'vitest';
import { createChanges } from './changes';
import { createPageCache } from './pageCache';

describe('the page cache and the cluster channel', () => {
  it('keeps pages a change does not name, and drops every page on `*` (a gap in the channel)', async () => {
    const changes = createChanges();
    const cache = createPageCache(changes, 1_000_000);
    let renders = 0;
    const render = (keys: string[]) => async () => {
      renders++;
      return { status: 200, html: `<p>render ${renders}</p>`, keys, fingerprint: `render ${renders}` };
    };
    await cache.get('/stories/a', render(['story:a']));
    await cache.get('/', render(['front']));
    changes.receive(['story:elsewhere']);
    expect(cache.size).toBe(2);
    changes.receive(['*']);
    expect(cache.size).toBe(0);
    const again = await cache.get('/stories/a', render(['story:a']));
    expect(again.html.toString()).toBe('<p>render 3</p>');
  });
});
