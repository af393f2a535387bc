import { describe, expect, it } from 'vitest';
import { BulkModerationResult, CommentPage, ModerationList, PostedComment } from '../../src/schema';
import { createTestApp } from '../../test/helpers/app';

const TOKEN = 'moderation-test-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

function setUp() {
  const t = createTestApp({ config: { adminToken: TOKEN, commentFloodSeconds: 0 } });
  const slugs = t.content.stories.map((story) => story.slug);
  let n = 0;
  async function post(slug: string, text: string, parentId?: number) {
    n++;
    const response = await t.app.request(`/api/stories/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': `ModerationTest/${n}` },
      body: JSON.stringify({
        name: `Reader ${n}`,
        email: `reader.${n}@example.com`,
        website: `https://r${n}.example`,
        text,
        parentId,
      }),
    });
    expect(response.status).toBe(201);
    return PostedComment.parse(await response.json()).comment;
  }
  const queue = async (query: string) => {
    const response = await t.app.request(`/api/admin/comments?${query}`, { headers: auth });
    expect(response.status).toBe(200);
    return ModerationList.parse(await response.json());
  };
  const bulk = (body: unknown) =>
    t.app.request('/api/admin/comments/bulk', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { ...t, slugs, post, queue, bulk };
}

describe('the moderation queue', () => {
  it('pages through 205 pending comments, newest first, each once, with the counts', async () => {
    const t = setUp();
    const posted: number[] = [];
    for (let index = 0; index < 205; index++)
      posted.push((await t.post(t.slugs[index % 3]!, `Pending comment ${index}.`)).id);
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = await t.queue(`status=pending&cursor=${cursor}`);
      expect(page.counts).toEqual({ pending: 205, approved: 0, spam: 0, trash: 0 });
      seen.push(...page.comments.map((comment) => comment.id));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual([...posted].reverse());
  }, 60_000); // 205 posts, each committed to disk before its 201

  it('shows moderators the email, website, user agent, IP hash, story and parent of each comment', async () => {
    const t = setUp();
    const parent = await t.post(t.slugs[0]!, 'The first word on this.');
    await t.app.request(`/api/admin/comments/${parent.id}/approve`, { method: 'POST', headers: auth });
    const reply = await t.post(t.slugs[0]!, 'A reply to it.', parent.id);
    const [shown] = (await t.queue('status=pending')).comments;
    expect(shown).toMatchObject({
      id: reply.id,
      email: 'reader.2@example.com',
      website: 'https://r2.example',
      userAgent: 'ModerationTest/2',
      ipHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      story: { slug: t.slugs[0], headline: t.content.stories[0]!.headline },
      parent: { id: parent.id, name: 'Reader 1', text: 'The first word on this.' },
    });
    expect((await t.queue('status=approved')).comments[0]!.parent).toBeNull();
  });

  it('approves, spams and trashes several comments at once, and readers see the approved ones', async () => {
    const t = setUp();
    const slug = t.slugs[1]!;
    const ids = [];
    for (let index = 0; index < 6; index++) ids.push((await t.post(slug, `Bulk ${index}.`)).id);
    const approved = await t.bulk({ ids: [ids[0], ids[1], ids[2], 999_999], action: 'approve' });
    expect(approved.status).toBe(200);
    expect(BulkModerationResult.parse(await approved.json())).toEqual({
      status: 'approved',
      updated: ids.slice(0, 3),
      notFound: [999_999],
    });
    expect(await (await t.bulk({ ids: [ids[3], ids[4]], action: 'spam' })).json()).toMatchObject({
      updated: [ids[3], ids[4]],
    });
    expect(await (await t.bulk({ ids: [ids[5]], action: 'trash' })).json()).toMatchObject({ updated: [ids[5]] });
    expect((await t.queue('status=pending')).counts).toEqual({ pending: 0, approved: 3, spam: 2, trash: 1 });
    const readers = CommentPage.parse(await (await t.app.request(`/api/stories/${slug}/comments`)).json());
    expect(readers.comments.map((comment) => comment.text)).toEqual(['Bulk 0.', 'Bulk 1.', 'Bulk 2.']);
  });

  it('answers a bad bulk request with field errors, and one without the token with 401', async () => {
    const t = setUp();
    for (const [body, field] of [
      [{ ids: [], action: 'approve' }, 'ids'],
      [{ ids: [1.5], action: 'approve' }, 'ids'],
      [{ ids: Array.from({ length: 201 }, (_, index) => index + 1), action: 'spam' }, 'ids'],
      [{ ids: [1], action: 'delete' }, 'action'],
    ] as const) {
      const response = await t.bulk(body);
      expect(response.status).toBe(422);
      expect(Object.keys((await response.json()).error.fields)).toEqual([field]);
    }
    const anonymous = await t.app.request('/api/admin/comments/bulk', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: [1], action: 'approve' }),
    });
    expect(anonymous.status).toBe(401);
    expect((await t.app.request('/api/admin/comments?cursor=x', { headers: auth })).status).toBe(400);
  });
});
