import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/app';
import { openTestStore } from '../../test/helpers/engine';
import { freePort } from '../../test/helpers/postgres';
import { startSmtpSink } from '../../test/helpers/smtp';
import type { Config } from '../config';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink?.stop());

function setUp(config: Partial<Config>) {
  const t = createTestApp({
    config: {
      adminToken: 'email-test-operator-token-0123456789',
      commentFloodSeconds: 0,
      publicOrigin: 'https://news.example',
      moderationEmailTo: ['desk@news.example', 'night@news.example'],
      moderationEmailEveryMinutes: 15,
      ...config,
    },
  });
  const post = async (name: string, email: string, text: string) => {
    const response = await t.app.request(`/api/stories/${t.content.stories[0]!.slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, email, text }),
    });
    expect(response.status).toBe(201);
  };
  return { ...t, post };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('the moderators’ email', () => {
  it('tells the moderators, and only them, once per window, with the count and a link to the queue', async () => {
    const t = setUp({ smtpUrl: sink.url });
    const before = sink.received().length;
    await t.post('Ruth Waiting', 'ruth@example.com', 'Is this\nheld?');
    await expect.poll(() => sink.received().length, { timeout: 15_000 }).toBe(before + 1);
    const mail = sink.received().at(-1)!;
    expect(mail.to).toEqual(['desk@news.example', 'night@news.example']);
    expect(mail.from).toBe('moderation@news.example');
    expect(mail.data).toMatch(/^Subject: .*: 1 comment waits for moderation$/m);
    expect(mail.data).toContain('Open the queue: https://news.example/admin');
    expect(mail.data).toContain('- Ruth Waiting <ruth@example.com> on "');
    expect(mail.data).toContain('  Is this held?');

    // Inside the window: nothing more, however many wait.
    await t.post('Sam Second', 'sam@example.com', 'Me too.');
    await t.post('Tess Third', 'tess@example.com', 'And me.');
    await settle();
    expect(sink.received()).toHaveLength(before + 1);

    // The window is one row every server shares: once it has passed, the next held comment sends again.
    const sixteenMinutesAgo = new Date(Date.now() - 16 * 60_000).toISOString();
    await t.db
      .updateTable('settings')
      .set({ value: sixteenMinutesAgo })
      .where('key', '=', 'moderation_email_sent_at')
      .execute();
    await t.post('Uma Fourth', 'uma@example.com', 'Fourth.');
    await expect.poll(() => sink.received().length, { timeout: 15_000 }).toBe(before + 2);
    expect(sink.received().at(-1)!.data).toMatch(/^Subject: .*: 4 comments wait for moderation$/m);
    expect(sink.received().flatMap((received) => received.to)).not.toContain('uma@example.com');
  }, 60_000);

  it('logs a failure to send and still takes the comment', async () => {
    const closed = await freePort();
    const t = setUp({ smtpUrl: `smtp://127.0.0.1:${closed}` });
    await t.post('Vic Unlucky', 'vic@example.com', 'Posted while the mail server is down.');
    await expect
      .poll(() => t.logs.find((line) => line.startsWith('moderation email: not sent:')), { timeout: 15_000 })
      .toBeDefined();
    const pending = await t.db.selectFrom('comments').select('status').execute();
    expect(pending).toEqual([{ status: 'pending' }]);
  }, 30_000);

  it('sends nothing when no comment waits: a honeypot catch, told "pending", is stored as spam', async () => {
    const t = setUp({ smtpUrl: sink.url });
    await t.ready;
    const before = sink.received().length;
    const response = await t.app.request(`/api/stories/${t.content.stories[0]!.slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Bot',
        email: 'bot@example.com',
        text: 'Buy now.',
        homepage: 'https://bot.example',
      }),
    });
    expect(response.status).toBe(201);
    await settle();
    expect(sink.received()).toHaveLength(before);
  }, 30_000);
});

describe('the shared email slot (store, this engine)', () => {
  it('goes to exactly one of several servers claiming it at once, and again only once the window has passed', async () => {
    const store = await openTestStore();
    try {
      const now = '2026-12-07T12:00:00.000Z';
      const windowStart = '2026-12-07T11:45:00.000Z';
      const claims = await Promise.all(
        Array.from({ length: 6 }, () => store.moderation.claimEmailSlot(now, windowStart)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.moderation.lastEmailAt()).toBe(now);
      expect(await store.moderation.claimEmailSlot('2026-12-07T12:10:00.000Z', '2026-12-07T11:55:00.000Z')).toBe(false);
      const later = await Promise.all(
        Array.from({ length: 6 }, () =>
          store.moderation.claimEmailSlot('2026-12-07T12:16:00.000Z', '2026-12-07T12:01:00.000Z'),
        ),
      );
      expect(later.filter(Boolean)).toHaveLength(1);
      expect(await store.moderation.lastEmailAt()).toBe('2026-12-07T12:16:00.000Z');
    } finally {
      await store.close();
    }
  });
});
