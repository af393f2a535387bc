import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, CommentPage, ModerationList, PostedComment, StoryPage } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { startClusterServer, type ClusterServer } from '../helpers/clusterServer';
import { createDatabase, startPostgres, type RunningPostgres } from '../helpers/postgres';

/**
 * Three real server processes on one real PostgreSQL database, as behind a load balancer (TRUST_PROXY=1: each
 * request names its reader's address in X-Forwarded-For).
 */
const TOKEN = 'cluster-moderator-token-01234567';
let postgres: RunningPostgres;
let databaseUrl: string;
let servers: ClusterServer[];
let slugs: string[];
let readers = 0;

/** Each reader has an address of their own (198.18.0.0/15 is for tests), however many the load test makes. */
function newReader(label: string) {
  readers++;
  const ip = `198.18.${Math.floor(readers / 250) % 256}.${(readers % 250) + 1}`;
  return { name: `${label} ${readers}`, email: `${label}.${readers}@example.com`, ip };
}
type Reader = ReturnType<typeof newReader>;

const post = (server: ClusterServer, slug: string, reader: Reader, text: string) =>
  fetch(`${server.url}/api/stories/${slug}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': reader.ip },
    body: JSON.stringify({ name: reader.name, email: reader.email, text }),
  });
const admin = { Authorization: `Bearer ${TOKEN}` };

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await createDatabase(postgres.url, 'cluster');
  // All three at the same moment, on an empty database: migrations and the content sync must each happen once.
  servers = await Promise.all(
    [1, 2, 3].map(() => startClusterServer({ DATABASE_URL: databaseUrl, ADMIN_TOKEN: TOKEN, TRUST_PROXY: '1' })),
  );
  slugs = StoryPage.parse(await (await fetch(`${servers[0]!.url}/api/stories?limit=20`)).json()).stories.map(
    (s) => s.slug,
  );
}, 120_000);

afterAll(async () => {
  await Promise.all((servers ?? []).map((server) => server.kill()));
  await postgres?.stop();
});

describe('three servers on one PostgreSQL database', () => {
  it('start together on an empty database: one migrates and syncs the content, all three are ready', async () => {
    const outputs = servers.map((server) => server.output());
    // Every story and standing page is added once, by one server.
    const synced = outputs.filter((output) => {
      const counts = /content: (\d+) stories, (\d+) pages .*\((\d+) added, 0 updated, 0 unchanged/.exec(output);
      return counts && Number(counts[1]) === slugs.length && Number(counts[3]) === slugs.length + Number(counts[2]);
    });
    expect(synced, outputs.join('\n---\n')).toHaveLength(1);
    for (const output of outputs)
      expect(output).toMatch(/synced by another server|\d+ added|0 added, 0 updated, \d+ unchanged/);
    const applied = await query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(new Set(applied.map((row) => row.name)).size).toBe(applied.length);
    expect((await query<{ n: number }>('SELECT COUNT(*)::int AS n FROM stories'))[0]!.n).toBe(slugs.length);
    for (const server of servers) {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    }
  });

  it('shows a comment posted on the first and approved on the second on the third within 1 s, in the API and the page', async () => {
    const [first, second, third] = servers as [ClusterServer, ClusterServer, ClusterServer];
    const slug = slugs[1]!;
    const text = 'Seen from every server at once.';
    // The third server has both answers cached before the change.
    const before = CommentPage.parse(await (await fetch(`${third.url}/api/stories/${slug}/comments`)).json());
    expect(before.comments.map((c) => c.text)).not.toContain(text);
    expect(await (await fetch(`${third.url}/stories/${slug}`)).text()).not.toContain(text);

    const posted = await post(first, slug, newReader('ana'), text);
    expect(posted.status).toBe(201);
    const { comment } = PostedComment.parse(await posted.json());
    const queue = ModerationList.parse(
      await (await fetch(`${second.url}/api/admin/comments`, { headers: admin })).json(),
    );
    expect(queue.comments.map((c) => c.id)).toContain(comment.id);
    const approved = await fetch(`${second.url}/api/admin/comments/${comment.id}/approve`, {
      method: 'POST',
      headers: admin,
    });
    expect(approved.status).toBe(200);
    const approvedAt = Date.now();

    let api = false;
    let page = false;
    while (!(api && page) && Date.now() - approvedAt < 1000) {
      api ||= CommentPage.parse(await (await fetch(`${third.url}/api/stories/${slug}/comments`)).json()).comments.some(
        (c) => c.text === text,
      );
      page ||= (await (await fetch(`${third.url}/stories/${slug}`)).text()).includes(text);
    }
    expect({ api, page, ms: Date.now() - approvedAt < 1000 }).toEqual({ api: true, page: true, ms: true });
  });

  it('answers 429 to a second comment from the same reader sent at the same moment to another server', async () => {
    const reader = newReader('bo');
    const answers = await Promise.all([
      post(servers[0]!, slugs[2]!, reader, 'My first thought.'),
      post(servers[1]!, slugs[3]!, reader, 'My second thought, at once.'),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 429]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(ApiError.parse(await refused.json()).error.code).toBe('too_many_requests');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(
      (await query<{ n: number }>('SELECT COUNT(*)::int AS n FROM comments WHERE email = $1', [reader.email]))[0]!.n,
    ).toBe(1);
  });

  it('loses no comment answered 201 when one server is killed under load, and the other two keep serving', async () => {
    const answered = new Map<number, string>();
    const afterKill = new Map<string, number>();
    let killed = false;
    let failures = 0;
    const stopAt = Date.now() + 5000;
    let turn = 0;
    const worker = async () => {
      while (Date.now() < stopAt) {
        const server = servers[turn++ % servers.length]!;
        const reader = newReader('load');
        const text = `Under load ${reader.email}`;
        try {
          const response = await post(server, slugs[4]!, reader, text);
          if (response.status === 201) {
            answered.set(PostedComment.parse(await response.json()).comment.id, text);
            if (killed) afterKill.set(server.url, (afterKill.get(server.url) ?? 0) + 1);
          } else await response.body?.cancel();
        } catch {
          failures++; // the killed server's connections: never answered, so nothing was promised
        }
      }
    };
    const killer = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await servers[2]!.kill();
      killed = true;
    })();
    await Promise.all([...Array.from({ length: 12 }, worker), killer]);

    expect(answered.size).toBeGreaterThan(20);
    expect(failures).toBeGreaterThan(0);
    const stored = new Map(
      (
        await query<{ id: number; text: string }>('SELECT id, text FROM comments WHERE story_slug = $1', [slugs[4]])
      ).map((row) => [row.id, row.text]),
    );
    const lost = [...answered].filter(([id, text]) => stored.get(id) !== text);
    expect(lost).toEqual([]);
    expect(afterKill.get(servers[0]!.url)).toBeGreaterThan(0);
    expect(afterKill.get(servers[1]!.url)).toBeGreaterThan(0);
    for (const server of servers.slice(0, 2)) {
      expect((await fetch(`${server.url}/api/stories/${slugs[0]}`)).status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    }
  });
});

describe('a server shutting down (SIGTERM)', () => {
  it('fails readiness first, finishes the request in flight, then exits', async () => {
    const server = await startClusterServer({ DATABASE_URL: databaseUrl, TRUST_PROXY: '1', SHUTDOWN_DRAIN_MS: '1500' });
    const reader = newReader('dee');
    const body = JSON.stringify({
      name: reader.name,
      email: reader.email,
      text: 'Sent as the server was told to stop.',
    });
    const { hostname, port } = new URL(server.url);
    // A request in flight: its headers and half its body are sent before the signal, the rest after it.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          hostname,
          port,
          method: 'POST',
          path: `/api/stories/${slugs[6]}/comments`,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            'X-Forwarded-For': reader.ip,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        req.end(body.slice(20));
      }, 1000);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exit = server.stop();
    await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 1000 }).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const posted = await answer;
    expect(posted.status, posted.text).toBe(201);
    expect(await exit).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: readiness fails now[\s\S]*shutdown: done/);
    const rows = await query<{ n: number }>('SELECT COUNT(*)::int AS n FROM comments WHERE email = $1', [reader.email]);
    expect(rows[0]!.n).toBe(1);
  });
});

describe('the database going away', () => {
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps reads serving, answers writes 503, keeps the reader’s draft, and takes the comment once it is back', async () => {
    const server = servers[0]!;
    const slug = slugs[5]!;
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/stories/${slug}`);
    const form = page.getByRole('form', { name: 'Leave a reply' });
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await expect.poll(() => form.getByRole('button', { name: 'Post Comment' }).isEnabled()).toBe(true);
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Written while the database was away.');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Pat Patience');
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill('pat@example.com');

    // A reader elsewhere has read the story's data from the API too, so this server has it cached.
    expect((await fetch(`${server.url}/api/stories/${slug}`)).status).toBe(200);

    await postgres.pgStop();
    try {
      // Reads: what the server has cached keeps serving, the story page included.
      expect((await fetch(`${server.url}/api/stories/${slug}`)).status).toBe(200);
      const html = await fetch(`${server.url}/stories/${slug}`);
      expect(html.status).toBe(200);
      expect(await html.text()).toContain('<h1');
      // Writes: a clear 503.
      const write = await post(server, slug, newReader('cy'), 'Not now.');
      expect(write.status).toBe(503);
      expect(write.headers.get('retry-after')).toBe('5');
      expect(ApiError.parse(await write.json()).error).toMatchObject({ code: 'unavailable' });
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);

      await form.getByRole('button', { name: 'Post Comment' }).click();
      const failure = form.locator('.notice-error');
      await failure.waitFor();
      expect(await failure.textContent()).toContain(
        'Your comment was not posted: our database is not answering for a moment. It is saved in this browser',
      );
      expect(await form.getByRole('status').textContent()).toContain('not posted');
      expect(await form.getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe(
        'Written while the database was away.',
      );
      await expectNoAxeViolations(page);
    } finally {
      await postgres.pgStart();
    }

    // The server recovers by itself: readiness, then the same click posts the kept draft.
    await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    await form.getByRole('button', { name: 'Try again' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toBe('Your comment was sent and is awaiting moderation.');
    expect(await form.getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('');
    const rows = await query<{ text: string }>('SELECT text FROM comments WHERE email = $1', ['pat@example.com']);
    expect(rows).toEqual([{ text: 'Written while the database was away.' }]);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
