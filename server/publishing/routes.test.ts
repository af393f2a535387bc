import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../../test/helpers/content';
import { createApp } from '../app';
import { createChanges } from '../changes';
import { openStore, type Store } from '../store';
import { syncFiles } from '../sources';
import { scratchDir } from '../../test/helpers/scratch';

const TOKEN = 'publishing-test-token-0123456789';
const contentDir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
const dbPath = join(scratchDir('publishing'), 'byline.db');
const stores: Store[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
});

/** The server as main.ts starts it: the database, the content files synced, the app; again for a restart. */
async function start() {
  const store = await openStore({ dbPath });
  stores.push(store);
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
      headers: {
        'Content-Type': 'application/json',
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, send };
}

const newStory = (overrides = {}) =>
  makeStory('from-the-cms', { headline: 'Sent by the CMS', related: ['story-1', 'story-2', 'story-3'], ...overrides });

describe('the publishing API', async () => {
  const { app, send } = await start();

  it('answers 401 without a token and 403 with a wrong one, changing nothing', async () => {
    const anonymous = await send('PUT', '/api/admin/stories/from-the-cms', newStory(), null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await anonymous.json()).error.code).toBe('unauthorized');
    expect((await send('PUT', '/api/admin/stories/from-the-cms', newStory(), 'wrong')).status).toBe(403);
    expect((await send('DELETE', '/api/admin/stories/story-1', undefined, null)).status).toBe(401);
    expect((await send('PUT', '/api/admin/authors/ada-test', makeAuthor(), null)).status).toBe(401);
    expect((await app.request('/api/stories/from-the-cms')).status).toBe(404);
  });

  it('answers 422 with each fault at its JSON path', async () => {
    const response = await send('PUT', '/api/admin/stories/from-the-cms', {
      ...newStory({ slug: 'another-slug' }),
      headline: '',
      body: [{ type: 'image', src: 'javascript:alert(1)', alt: 'x', width: 10, height: 10 }],
    });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe('invalid');
    expect(error.fields).toMatchObject({
      headline: 'Required',
      'body[0].src': 'Invalid URL: use a site path starting with "/" or an http(s) URL',
    });
    // A valid document whose slug differs from the address, or that names what does not exist.
    const mismatch = await (
      await send('PUT', '/api/admin/stories/from-the-cms', newStory({ slug: 'another-slug' }))
    ).json();
    expect(mismatch.error.fields).toEqual({ slug: 'The slug "another-slug" must match the address ("from-the-cms")' });
    const unknown = await send(
      'PUT',
      '/api/admin/stories/from-the-cms',
      newStory({ authorId: 'nobody', related: ['story-1', 'story-2', 'gone'] }),
    );
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.fields).toEqual({
      authorId: 'Unknown author "nobody"',
      'related[2]': 'Unknown story "gone"',
    });
    expect((await send('PUT', '/api/admin/stories/from-the-cms', '{"slug": ')).status).toBe(400);
    expect((await app.request('/api/stories/from-the-cms')).status).toBe(404);
  });

  it('refuses links and images that the router or the browser would read as leaving the site (422, by field)', async () => {
    const response = await send(
      'PUT',
      '/api/admin/stories/from-the-cms',
      newStory({
        body: [
          {
            type: 'paragraph',
            content: [
              { type: 'link', href: 'https:evil.example', text: 'one' },
              { type: 'link', href: '/\\evil.example/x', text: 'two' },
              { type: 'link', href: '/\t/x', text: 'three' },
            ],
          },
          { type: 'image', src: '//evil.example/i.jpg', alt: 'x', width: 10, height: 10 },
        ],
      }),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error.fields).toEqual({
      'body[0].content[0].href': 'Invalid URL: write an absolute URL as http(s)://host/…',
      'body[0].content[1].href': 'Invalid URL: backslashes are not allowed in a URL',
      'body[0].content[2].href': 'Invalid URL: white space or control characters are not allowed in a URL',
      'body[1].src': 'Invalid URL: a site path starts with a single "/"',
    });
    expect((await app.request('/api/stories/from-the-cms')).status).toBe(404);
  });

  it('creates a story (201), updates it (200), and readers see each version', async () => {
    const created = await send('PUT', '/api/admin/stories/from-the-cms', newStory());
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      slug: 'from-the-cms',
      headline: 'Sent by the CMS',
      author: { id: 'ada-test' },
    });
    expect((await (await app.request('/api/stories/from-the-cms')).json()).headline).toBe('Sent by the CMS');

    const updated = await send(
      'PUT',
      '/api/admin/stories/from-the-cms',
      newStory({ headline: 'Corrected by the CMS' }),
    );
    expect(updated.status).toBe(200);
    expect((await (await app.request('/api/stories/from-the-cms')).json()).headline).toBe('Corrected by the CMS');
    const front = await (await app.request('/api/stories?limit=50')).json();
    expect(front.stories.map((story: { slug: string }) => story.slug)).toContain('from-the-cms');
  });

  it('answers 409 for a story or an author a content file publishes, and never writes a file', async () => {
    const story = await send(
      'PUT',
      '/api/admin/stories/story-1',
      makeStory('story-1', { related: ['story-2', 'story-3', 'story-4'] }),
    );
    expect(story.status).toBe(409);
    expect((await story.json()).error.message).toBe(
      'The story "story-1" is published from the content files; only that source can change it.',
    );
    expect((await send('DELETE', '/api/admin/stories/story-1')).status).toBe(409);
    expect((await send('PUT', '/api/admin/authors/ada-test', makeAuthor({ name: 'Not yours' }))).status).toBe(409);
    expect(readdirSync(join(contentDir, 'stories')).sort()).toEqual([
      'story-1.json',
      'story-2.json',
      'story-3.json',
      'story-4.json',
    ]);
  });

  it('publishes authors: 201, then 200, then stories may name them', async () => {
    const author = makeAuthor({ id: 'cms-writer', name: 'Cam Writer' });
    expect((await send('PUT', '/api/admin/authors/cms-writer', author)).status).toBe(201);
    expect((await send('PUT', '/api/admin/authors/cms-writer', { ...author, role: 'Editor' })).status).toBe(200);
    expect((await send('PUT', '/api/admin/authors/cms-writer', { ...author, bio: '' })).status).toBe(422);
    const story = makeStory('by-the-cms-writer', {
      authorId: 'cms-writer',
      related: ['story-1', 'story-2', 'from-the-cms'],
    });
    expect((await send('PUT', '/api/admin/stories/by-the-cms-writer', story)).status).toBe(201);
    const page = await (await app.request('/api/authors/cms-writer')).json();
    expect(page.author.role).toBe('Editor');
    expect(page.stories.map((summary: { slug: string }) => summary.slug)).toEqual(['by-the-cms-writer']);
  });

  it('keeps what it published across a restart and the file sync', async () => {
    const restarted = await start();
    expect((await (await restarted.app.request('/api/stories/from-the-cms')).json()).headline).toBe(
      'Corrected by the CMS',
    );
    expect((await restarted.app.request('/api/authors/cms-writer')).status).toBe(200);
  });

  it('withdraws a story (204): readers get 404, and a second delete finds nothing', async () => {
    expect((await send('DELETE', '/api/admin/stories/from-the-cms')).status).toBe(204);
    expect((await app.request('/api/stories/from-the-cms')).status).toBe(404);
    expect((await send('DELETE', '/api/admin/stories/from-the-cms')).status).toBe(404);
  });
});
