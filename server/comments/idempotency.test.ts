import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/app';

const connection = { incoming: { socket: { remoteAddress: '203.0.113.9' } } };

function setUp(floodSeconds = 15) {
  const t = createTestApp({ config: { commentFloodSeconds: floodSeconds } });
  const slug = t.content.stories[0]!.slug;
  const post = (body: Record<string, unknown>, key?: string) =>
    t.app.request(
      `/api/stories/${slug}/comments`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
        body: JSON.stringify(body),
      },
      connection,
    );
  const stored = async () =>
    (
      await t.db
        .selectFrom('comments')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return { ...t, post, stored };
}

const comment = { name: 'Rita Retry', email: 'rita@example.com', text: 'My signal dropped as I posted this.' };

describe('Idempotency-Key on comment posts', () => {
  it('answers a retry after a lost answer with the original 201 and the same body, storing one comment', async () => {
    const t = setUp();
    const first = await t.post(comment, 'key-0001-lost-answer');
    expect(first.status).toBe(201);
    const body = await first.text();
    // Within the flood window and with the same words: without the key this would be a 429 or a 409.
    const retry = await t.post(comment, 'key-0001-lost-answer');
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(body);
    expect(await t.stored()).toBe(1);
    const row = await t.db
      .selectFrom('comments')
      .select(['idempotency_key', 'answered_status'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ idempotency_key: 'key-0001-lost-answer', answered_status: 'pending' });
  });

  it('still answers 409 for the same words sent again without a key (or with a new one)', async () => {
    const t = setUp(0);
    expect((await t.post(comment)).status).toBe(201);
    const again = await t.post(comment, 'key-0002-a-new-post');
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('duplicate');
  });

  it('stores one comment when two copies of a post race each other', async () => {
    const t = setUp(0);
    const [a, b] = await Promise.all([t.post(comment, 'key-0003-two-tabs'), t.post(comment, 'key-0003-two-tabs')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await a.text()).toBe(await b.text());
    expect(await t.stored()).toBe(1);
  });

  it('refuses a key reused for a different comment, and a malformed key', async () => {
    const t = setUp(0);
    expect((await t.post(comment, 'key-0004-used-once')).status).toBe(201);
    const reused = await t.post({ ...comment, text: 'Something else entirely.' }, 'key-0004-used-once');
    expect(reused.status).toBe(422);
    expect((await reused.json()).error.code).toBe('idempotency_key_reused');
    for (const key of ['short', 'has spaces in it', 'x'.repeat(129)]) {
      const response = await t.post({ ...comment, text: `Text for ${key.length}.` }, key);
      expect(response.status, key).toBe(400);
    }
    expect(await t.stored()).toBe(1);
  });

  it('gives a bot caught by the honeypot the same ordinary answer again', async () => {
    const t = setUp();
    const bot = { ...comment, email: 'bot@spam.example', homepage: 'https://spam.example' };
    const first = await t.post(bot, 'key-0005-honeypot');
    const retry = await t.post(bot, 'key-0005-honeypot');
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(await first.text());
    expect(JSON.parse(await (await t.post(bot, 'key-0005-honeypot')).text()).status).toBe('pending');
    expect(await t.stored()).toBe(1);
  });
});
