import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAuthor, makePage, relatedSet, writeContentDir } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import { xmllintCheck } from '../../test/helpers/xmlCheck';
import { createApp } from '../app';
import { createChanges } from '../changes';
import { syncFiles } from '../sources';

describe('standing pages in the sitemap', async () => {
  const contentDir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
  const store = await openTestStore();
  afterAll(() => store.close());
  const changes = createChanges();
  const content = store.content(changes);
  await syncFiles(content, contentDir);
  const app = createApp({
    store,
    changes,
    origin: () => 'https://news.example',
    config: { distDir: join(contentDir, 'no-dist'), adminToken: undefined, commentFloodSeconds: 0, trustProxy: false },
    log: () => {},
  });

  it('lists each live page with its update time, tagged so that a page change purges it, and drops a withdrawn one', async () => {
    await content.upsertPage('api', makePage('about-us', { updatedAt: '2026-11-20T10:00:00+01:00' }));
    const first = await app.request('/sitemap.xml');
    const xml = await first.text();
    await xmllintCheck(xml);
    expect(xml).toContain(
      '<url><loc>https://news.example/pages/about-us</loc><lastmod>2026-11-20T09:00:00.000Z</lastmod></url>',
    );
    expect(first.headers.get('xkey')?.split(' ')).toEqual(expect.arrayContaining(['front', 'pages']));
    await content.withdrawPage('api', 'about-us');
    expect(await (await app.request('/sitemap.xml')).text()).not.toContain('/pages/about-us');
  });
});
