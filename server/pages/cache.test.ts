import { describe, expect, it } from 'vitest';
import { heldBytes, keyBytes } from '../caches';
import { createChanges } from '../changes';
import { createPageCache } from './cache';
import { changeKey, type ChangeKey } from '../changes';

describe('the page cache and the cluster channel', () => {
  it('keeps pages a change does not name, and drops every page on `*` (a gap in the channel)', async () => {
    const changes = createChanges();
    const cache = createPageCache(changes, 1_000_000);
    let renders = 0;
    const render = (keys: ChangeKey[]) => async () => {
      renders++;
      return { status: 200, html: `<p>render ${renders}</p>`, keys, fingerprint: `render ${renders}` };
    };
    await cache.get('/stories/a', render([changeKey.story('a')]));
    await cache.get('/', render([changeKey.front]));
    changes.receive([changeKey.story('elsewhere')]);
    expect(cache.size).toBe(2);
    changes.receive([changeKey.any]);
    expect(cache.size).toBe(0);
    const again = await cache.get('/stories/a', render([changeKey.story('a')]));
    expect(again.html.toString()).toBe('<p>render 3</p>');
  });
});

describe('the page cache’s byte count (issue 21 row 9)', () => {
  const page = (n: number) => async () => ({
    status: 200,
    html: `<!doctype html><title>Page ${n}</title><p>${'Some words of a story. '.repeat(40)} ${n}</p>`,
    keys: [changeKey.story(`story-${n}`), changeKey.front, changeKey.author(`author-${n % 7}`)],
    fingerprint: `page ${n}`,
  });
  const never = async (): Promise<never> => {
    throw new Error('rendered again: the page was not kept');
  };

  it('counts each buffer’s whole backing store, the keys and the index, and holds exact copies', async () => {
    const cache = createPageCache(createChanges(), 1_000_000);
    const kept = await cache.get('/stories/story-1?cursor=12', page(1));
    // zlib's results keep a 16 KiB working buffer; the kept copies hold exactly their bytes.
    for (const buffer of [kept.html, kept.gzip, kept.br]) expect(buffer.buffer.byteLength).toBe(buffer.length);
    const floor =
      heldBytes(kept.html) +
      heldBytes(kept.gzip) +
      heldBytes(kept.br) +
      keyBytes('/stories/story-1?cursor=12') +
      kept.keys.reduce((sum, key) => sum + keyBytes(key), 0);
    expect(cache.bytes).toBeGreaterThanOrEqual(floor);
    expect(cache.bytes).toBe(kept.bytes + keyBytes('/stories/story-1?cursor=12'));
  });

  it('holds 10,000 distinct pages to its budget, counting at least what the kept pages really hold', async () => {
    const budget = 256 * 1024;
    const cache = createPageCache(createChanges(), budget);
    const urls: string[] = [];
    for (let n = 0; n < 10_000; n++) {
      urls.push(`/?cursor=${n}`);
      await cache.get(`/?cursor=${n}`, page(n));
      if (cache.bytes > budget) expect.fail(`${cache.bytes} bytes held after ${n + 1} pages, over ${budget}`);
    }
    expect(cache.size).toBeGreaterThan(10);
    expect(cache.size).toBeLessThan(10_000);
    let held = 0;
    let found = 0;
    for (const url of urls.slice(-cache.size)) {
      const kept = await cache.get(url, never);
      held += heldBytes(kept.html) + heldBytes(kept.gzip) + heldBytes(kept.br) + keyBytes(url);
      found++;
    }
    expect(found).toBe(cache.size);
    expect(cache.bytes).toBeGreaterThanOrEqual(held);
  });

  it('hands a render marked not cacheable to its caller and keeps nothing', async () => {
    const cache = createPageCache(createChanges(), 1_000_000);
    let renders = 0;
    const failing = async () => {
      renders++;
      return { status: 503, html: '<p>could not load</p>', keys: [changeKey.front], fingerprint: 'x', cacheable: false };
    };
    expect((await cache.get('/', failing)).cacheable).toBe(false);
    await cache.get('/', failing);
    expect(renders).toBe(2);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});

describe('what the page cache says it has', () => {
  it('has a page while its render is under way and once it is kept, and not after a change drops it', async () => {
    const changes = createChanges();
    const cache = createPageCache(changes, 1_000_000);
    expect(cache.has('/a')).toBe(false);
    let finish!: () => void;
    const rendered = new Promise<void>((resolve) => (finish = resolve));
    const page = cache.get('/a', async () => {
      await rendered;
      return { status: 200, html: '<p>a</p>', keys: [changeKey.story('a')], fingerprint: 'a' };
    });
    // A second reader of a page already being rendered costs no render: the rate limit does not count it.
    expect(cache.has('/a')).toBe(true);
    finish();
    await page;
    expect(cache.has('/a')).toBe(true);
    changes.receive([changeKey.story('a')]);
    expect(cache.has('/a')).toBe(false);
  });
});
