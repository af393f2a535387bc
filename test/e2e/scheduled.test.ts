import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../helpers/content';
import { startClusterServer, type ClusterServer } from '../helpers/clusterServer';
import { createDatabase, startPostgres, type RunningPostgres } from '../helpers/postgres';

/**
 * Issue 24 point 2: a story published through the API dated a few seconds ahead, on two real servers sharing one
 * real PostgreSQL database. Before its time no reader finds it (front page, its URL, the feed, the sitemap), on
 * either server, though each has rendered and cached those answers; within 5 s of its time both show it, with
 * no restart. (The servers' caches hear of it from their own schedulers, which the cluster channel relays.)
 */
const TOKEN = 'scheduling-editor-token-0123456789';
const SLUG = 'arrives-on-its-minute';
const HEADLINE = 'Arrives on its minute';
let postgres: RunningPostgres;
let servers: ClusterServer[];

beforeAll(async () => {
  postgres = await startPostgres();
  const databaseUrl = await createDatabase(postgres.url, 'scheduled');
  const contentDir = writeContentDir({ authors: [makeAuthor()], stories: relatedSet() });
  const env = { DATABASE_URL: databaseUrl, CONTENT_DIR: contentDir, ADMIN_TOKEN: TOKEN };
  servers = [await startClusterServer(env), await startClusterServer(env)];
}, 120_000);

afterAll(async () => {
  await Promise.all((servers ?? []).map((server) => server.stop()));
  await postgres?.stop();
});

/** Where a reader could meet the story on one server: what each answer shows of it. */
async function whatReadersSee(server: ClusterServer) {
  const text = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: await response.text() };
  };
  const [front, story, feed, sitemap] = await Promise.all([
    text('/'),
    text(`/stories/${SLUG}`),
    text('/feed.xml'),
    text('/sitemap.xml'),
  ]);
  return {
    front: front.body.includes(HEADLINE),
    story: story.status,
    storyHeadline: story.body.includes(HEADLINE),
    feed: feed.body.includes(`/stories/${SLUG}`),
    sitemap: sitemap.body.includes(`/stories/${SLUG}`),
  };
}

const unseen = { front: false, story: 404, storyHeadline: false, feed: false, sitemap: false };
const seen = { front: true, story: 200, storyHeadline: true, feed: true, sitemap: true };

describe('a story scheduled a few seconds ahead, on two servers', () => {
  it('is nowhere until its time, then everywhere within 5 s of it, without a restart', async () => {
    // The lists are rendered and cached before the story exists, as on a busy site.
    for (const server of servers) expect(await whatReadersSee(server)).toEqual(unseen);

    const due = Date.now() + 4_000;
    const publishedAt = new Date(due).toISOString();
    const put = await fetch(`${servers[0]!.url}/api/admin/stories/${SLUG}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(makeStory(SLUG, { headline: HEADLINE, publishedAt, related: undefined })),
    });
    expect(put.status).toBe(201);

    // Before its time: the editor sees it scheduled on either server, and readers nowhere.
    const listed = await fetch(`${servers[1]!.url}/api/admin/stories?status=scheduled`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(await listed.json()).toEqual({
      stories: [{ slug: SLUG, headline: HEADLINE, section: 'City', authorId: 'ada-test', publishedAt }],
    });
    for (const server of servers) expect(await whatReadersSee(server)).toEqual(unseen);
    expect(Date.now(), 'the checks before its time took too long to mean anything').toBeLessThan(due);

    const liveAt = await Promise.all(
      servers.map(async (server) => {
        await expect
          .poll(() => whatReadersSee(server), { timeout: due - Date.now() + 5_000, interval: 200 })
          .toEqual(seen);
        return Date.now();
      }),
    );
    for (const at of liveAt) {
      expect(at).toBeGreaterThanOrEqual(due);
      expect(at - due).toBeLessThan(5_000);
    }
    const after = await fetch(`${servers[0]!.url}/api/admin/stories?status=scheduled`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(await after.json()).toEqual({ stories: [] });
    for (const server of servers) expect(server.output()).not.toMatch(/error|scheduling:/);
  }, 90_000);
});
