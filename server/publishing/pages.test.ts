import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAuthor, makePage, relatedSet, writeContentDir } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import { createApp } from '../app';
import { createChanges } from '../changes';
import { syncFiles } from '../sources';

const TOKEN = 'publishing-test-token-0123456789';

describe('standing pages through the publishing API and GET /api/pages/:slug', async () => {
  const contentDir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
  mkdirSync(join(contentDir, 'pages'));
  writeFileSync(join(contentDir, 'pages', 'about-us.json'), JSON.stringify(makePage('about-us')));
  const store = await openTestStore();
  afterAll(() => store.close());
  const changes = createChanges();
  await syncFiles(store.content(changes), contentDir);
  const app = createApp({
    store,
    changes,
    config: { distDir: join(contentDir, 'no-dist'), adminToken: TOKEN, commentFloodSeconds: 0, trustProxy: false },
    log: () => {},
  });
  const send = (method: string, path: string, body?: unknown, token: string | null = TOKEN) =>
    app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('serves a file page, tagged with its key, and a 404 for a page nobody published', async () => {
    const found = await app.request('/api/pages/about-us');
    expect(found.status).toBe(200);
    expect(found.headers.get('xkey')).toBe('page:about-us');
    expect((await found.json()).title).toBe('Title of about-us');
    const missing = await app.request('/api/pages/terms');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('xkey')).toBe('page:terms');
    expect((await missing.json()).error.message).toBe('No page is published at "terms"');
    expect((await app.request('/api/pages/..%2Fsecrets')).status).toBe(404);
  });

  it('refuses without the token, and answers 422 with each fault at its JSON path', async () => {
    expect((await send('PUT', '/api/admin/pages/terms', makePage('terms'), null)).status).toBe(401);
    expect((await send('DELETE', '/api/admin/pages/about-us', undefined, null)).status).toBe(401);
    const bad = await send('PUT', '/api/admin/pages/terms', {
      ...makePage('other'),
      title: '',
      updatedAt: 'soon',
      body: [{ type: 'paragraph', content: 'not a list' }],
    });
    expect(bad.status).toBe(422);
    const { error } = await bad.json();
    expect(error.code).toBe('invalid');
    expect(Object.keys(error.fields).sort()).toEqual(['body[0].content', 'title', 'updatedAt']);
    expect(error.fields.title).toBe('Required');
    const elsewhere = await send('PUT', '/api/admin/pages/terms', makePage('other'));
    expect(elsewhere.status).toBe(422);
    expect((await elsewhere.json()).error.fields).toEqual({
      slug: 'The slug "other" must match the address ("terms")',
    });
    expect((await send('PUT', '/api/admin/pages/terms', '{ "slug": ')).status).toBe(400);
    expect((await app.request('/api/pages/terms')).status).toBe(404);
  });

  it('publishes, updates (the cached answer follows) and withdraws a page, and leaves a file page alone', async () => {
    expect((await app.request('/api/pages/terms')).status).toBe(404); // now cached as missing
    const created = await send('PUT', '/api/admin/pages/terms', makePage('terms', { title: 'Terms of use' }));
    expect(created.status).toBe(201);
    expect((await created.json()).title).toBe('Terms of use');
    expect((await (await app.request('/api/pages/terms')).json()).title).toBe('Terms of use');
    const updated = await send('PUT', '/api/admin/pages/terms', makePage('terms', { title: 'Terms' }));
    expect(updated.status).toBe(200);
    expect((await (await app.request('/api/pages/terms')).json()).title).toBe('Terms');

    const taken = await send('PUT', '/api/admin/pages/about-us', makePage('about-us'));
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.message).toBe(
      'The page "about-us" is published from the content files; only that source can change it.',
    );
    expect((await send('DELETE', '/api/admin/pages/about-us')).status).toBe(409);

    expect((await send('DELETE', '/api/admin/pages/terms')).status).toBe(204);
    expect((await app.request('/api/pages/terms')).status).toBe(404);
    expect((await send('DELETE', '/api/admin/pages/terms')).status).toBe(404);
  });
});
