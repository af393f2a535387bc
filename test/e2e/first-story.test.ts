import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, writeContentDir } from '../helpers/content';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * Issue 24 point 3: a site with no stories yet publishes its first one, which names no related stories (it
 * could not name any), through a content file and through the publishing API, each on a real server.
 */
const TOKEN = 'first-story-editor-token-0123456789';
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

async function emptySite() {
  const contentDir = writeContentDir({});
  const server = await startServer({ CONTENT_DIR: contentDir, ADMIN_TOKEN: TOKEN });
  servers.push(server);
  return { server, contentDir };
}

/** A story as an editor writes it, with no `related` key at all. */
const firstStory = (headline: string) => {
  const { related: _none, ...story } = makeStory('the-very-first', { headline });
  return story;
};

async function readerSees(server: RunningServer, headline: string) {
  const [front, story] = await Promise.all([
    fetch(`${server.url}/`).then((response) => response.text()),
    fetch(`${server.url}/stories/the-very-first`),
  ]);
  return { front: front.includes(headline), story: story.status, headline: (await story.text()).includes(headline) };
}

describe('the first story of an empty site', () => {
  it('publishes from a file dropped into an empty content folder, within 5 s and without a restart', async () => {
    const { server, contentDir } = await emptySite();
    expect(await readerSees(server, 'First from a file')).toEqual({ front: false, story: 404, headline: false });
    writeFileSync(join(contentDir, 'authors', 'ada-test.json'), JSON.stringify(makeAuthor()));
    writeFileSync(join(contentDir, 'stories', 'the-very-first.json'), JSON.stringify(firstStory('First from a file')));
    await expect
      .poll(() => readerSees(server, 'First from a file'), { timeout: 5_000, interval: 100 })
      .toEqual({ front: true, story: 200, headline: true });
    expect(server.output()).not.toMatch(/related/);
  });

  it('publishes through the API (201), and readers see it at once', async () => {
    const { server } = await emptySite();
    const put = (path: string, body: unknown) =>
      fetch(`${server.url}/api/admin/${path}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
    expect((await put('authors/ada-test', makeAuthor())).status).toBe(201);
    const created = await put('stories/the-very-first', firstStory('First through the API'));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ slug: 'the-very-first', related: [] });
    expect(await readerSees(server, 'First through the API')).toEqual({ front: true, story: 200, headline: true });
  });
});
