import { describe, expect, it } from 'vitest';
import { AuditPage, ModerationList, PostedComment, type CommentStatus } from '../../src/schema';
import { createTestApp } from '../../test/helpers/app';
import type { Config } from '../config';
import { manageModerators } from './manage';
import { hashToken } from './tokens';

const OPERATOR_TOKEN = 'moderators-test-operator-token-0123';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function setUp(config: Partial<Config> = {}) {
  const t = createTestApp({ config: { adminToken: OPERATOR_TOKEN, commentFloodSeconds: 0, ...config } });
  const slugs = t.content.stories.map((story) => story.slug);
  const manage = manageModerators(t.store.moderation.moderators);
  let n = 0;
  async function post(slug: string, text: string, reader: { name?: string; email?: string } = {}) {
    n++;
    const response = await t.app.request(`/api/stories/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Test': String(n) },
      body: JSON.stringify({
        name: reader.name ?? `Reader ${n}`,
        email: reader.email ?? `reader.${n}@example.com`,
        text,
      }),
    });
    expect(response.status).toBe(201);
    return PostedComment.parse(await response.json());
  }
  async function queue(token: string, query: string) {
    const response = await t.app.request(`/api/admin/comments?${query}`, { headers: bearer(token) });
    expect(response.status).toBe(200);
    return ModerationList.parse(await response.json());
  }
  const act = (token: string, id: number, action: string) =>
    t.app.request(`/api/admin/comments/${id}/${action}`, { method: 'POST', headers: bearer(token) });
  const bulk = (token: string, ids: number[], action: string) =>
    t.app.request('/api/admin/comments/bulk', {
      method: 'POST',
      headers: { ...bearer(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids, action }),
    });
  async function audit(token: string, cursor = '') {
    const response = await t.app.request(`/api/admin/audit?cursor=${cursor}`, { headers: bearer(token) });
    expect(response.status).toBe(200);
    return AuditPage.parse(await response.json());
  }
  return { ...t, slugs, manage, post, queue, act, bulk, audit };
}

describe('named moderators', () => {
  it('records who decided what, beside the comment and in the audit list, newest first', async () => {
    const t = setUp();
    await t.ready;
    const alice = await t.manage.add('alice');
    const bob = await t.manage.add('bob');
    expect(alice).not.toBe(bob);
    expect(alice.length).toBeGreaterThanOrEqual(40);
    // Only the hash is stored.
    const rows = await t.db.selectFrom('moderators').selectAll().orderBy('name').execute();
    expect(rows.map((row) => [row.name, row.token_hash])).toEqual([
      ['alice', hashToken(alice)],
      ['bob', hashToken(bob)],
    ]);
    expect(JSON.stringify(rows)).not.toContain(alice);

    const first = await t.post(t.slugs[0]!, 'First, for Alice.');
    const second = await t.post(t.slugs[1]!, 'Second, for Bob.');
    const third = await t.post(t.slugs[1]!, 'Third, for Bob too.');
    const fourth = await t.post(t.slugs[0]!, 'Fourth, for the operator.');
    expect((await t.act(alice, first.comment.id, 'approve')).status).toBe(200);
    expect((await t.bulk(bob, [second.comment.id, third.comment.id], 'spam')).status).toBe(200);
    expect((await t.act(OPERATOR_TOKEN, fourth.comment.id, 'trash')).status).toBe(200);

    const page = await t.audit(alice);
    expect(page.nextCursor).toBeNull();
    expect(page.entries.map((entry) => [entry.moderator, entry.action, entry.comment.id])).toEqual([
      ['admin', 'trash', fourth.comment.id],
      ['bob', 'spam', third.comment.id],
      ['bob', 'spam', second.comment.id],
      ['alice', 'approve', first.comment.id],
    ]);
    expect(page.entries[3]!.story?.slug).toBe(t.slugs[0]);
    expect(page.entries[3]!.comment.name).toBe(first.comment.name);
    for (const entry of page.entries) expect(Date.now() - Date.parse(entry.decidedAt)).toBeLessThan(60_000);

    const spam = await t.queue(bob, 'status=spam');
    expect(spam.comments.map((comment) => [comment.id, comment.decision?.moderator])).toEqual([
      [third.comment.id, 'bob'],
      [second.comment.id, 'bob'],
    ]);
    // A later decision replaces the one shown beside the comment; both stay in the audit list.
    expect((await t.act(alice, second.comment.id, 'approve')).status).toBe(200);
    const approved = await t.queue(alice, 'status=approved');
    expect(approved.comments.find((comment) => comment.id === second.comment.id)?.decision).toMatchObject({
      moderator: 'alice',
      action: 'approve',
    });
    expect((await t.audit(bob)).entries).toHaveLength(5);
    expect(t.logs).toContain(`admin: bob: 2 comment(s) -> spam: #${second.comment.id}, #${third.comment.id}`);
  });

  it('pages the audit list 50 at a time and refuses a cursor it did not issue', async () => {
    const t = setUp();
    const ids: number[] = [];
    for (let index = 0; index < 26; index++)
      ids.push((await t.post(t.slugs[index % 3]!, `Audit ${index}.`)).comment.id);
    expect((await t.bulk(OPERATOR_TOKEN, ids, 'approve')).status).toBe(200);
    expect((await t.bulk(OPERATOR_TOKEN, ids, 'trash')).status).toBe(200);
    const firstPage = await t.audit(OPERATOR_TOKEN);
    expect(firstPage.entries).toHaveLength(50);
    const secondPage = await t.audit(OPERATOR_TOKEN, firstPage.nextCursor!);
    expect(secondPage.entries).toHaveLength(2);
    expect(secondPage.nextCursor).toBeNull();
    const all = [...firstPage.entries, ...secondPage.entries];
    expect(new Set(all.map((entry) => entry.id)).size).toBe(52);
    expect(all.filter((entry) => entry.action === 'approve')).toHaveLength(26);
    const bad = await t.app.request('/api/admin/audit?cursor=abc', { headers: bearer(OPERATOR_TOKEN) });
    expect(bad.status).toBe(400);
  }, 60_000);

  it('lets moderators moderate only: publishing stays with the operator', async () => {
    const t = setUp();
    await t.ready;
    const carol = await t.manage.add('carol');
    const publish = (token: string) =>
      t.app.request('/api/admin/stories/from-a-moderator', {
        method: 'DELETE',
        headers: bearer(token),
      });
    const refused = await publish(carol);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/operator/);
    // The operator reaches the route (nothing is live there: 404, not 403).
    expect((await publish(OPERATOR_TOKEN)).status).toBe(404);
  });

  it('rotates and removes tokens, refuses taken and reserved names', async () => {
    const t = setUp();
    await t.ready;
    const old = await t.manage.add('dana');
    const status = async (token: string) =>
      (await t.app.request('/api/admin/comments', { headers: bearer(token) })).status;
    expect(await status(old)).toBe(200);
    const rotated = await t.manage.rotate('dana');
    expect(await status(old)).toBe(403);
    expect(await status(rotated)).toBe(200);
    await expect(t.manage.add('dana')).rejects.toThrow(/already a moderator named "dana"/);
    await expect(t.manage.add('admin')).rejects.toThrow(/operator/);
    await expect(t.manage.add('Dana Scully')).rejects.toThrow(/not a moderator name/);
    await t.manage.remove('dana');
    expect(await status(rotated)).toBe(403);
    await expect(t.manage.remove('dana')).rejects.toThrow(/no moderator named "dana"/);
    await expect(t.manage.rotate('nobody')).rejects.toThrow(/no moderator named "nobody"/);
    expect(await t.manage.list()).toEqual([]);
  });
});

describe('the queue, filtered and searched (in the store, on this engine)', () => {
  it('filters by story and finds text, name or email in any case, wildcards taken literally', async () => {
    const t = setUp();
    const [one, two] = [t.slugs[0]!, t.slugs[1]!];
    const sale = await t.post(one, 'Now 50% off, today only.');
    const underscore = await t.post(two, 'snake_case is fine.');
    const plain = await t.post(two, 'Fifty percent of nothing; snakes.', { name: 'Ada Lovelace' });
    const byEmail = await t.post(one, 'Nothing to see.', { email: 'grace.hopper@navy.example' });
    const backslash = await t.post(one, 'A path: C:\\temp\\x.');
    const ids = async (query: string, status: CommentStatus = 'pending') =>
      (await t.queue(OPERATOR_TOKEN, `status=${status}&${query}`)).comments.map((comment) => comment.id);

    expect(await ids(`story=${two}`)).toEqual([plain.comment.id, underscore.comment.id]);
    expect(await ids(`story=${one}`)).toEqual([backslash.comment.id, byEmail.comment.id, sale.comment.id]);
    expect(await ids(`q=${encodeURIComponent('50%')}`)).toEqual([sale.comment.id]);
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([sale.comment.id]);
    expect(await ids(`q=${encodeURIComponent('e_c')}`)).toEqual([underscore.comment.id]);
    expect(await ids(`q=${encodeURIComponent('\\temp')}`)).toEqual([backslash.comment.id]);
    expect(await ids('q=SNAKE')).toEqual([plain.comment.id, underscore.comment.id]);
    expect(await ids('q=lovelace')).toEqual([plain.comment.id]);
    expect(await ids('q=HOPPER%40NAVY')).toEqual([byEmail.comment.id]);
    expect(await ids(`story=${one}&q=snake`)).toEqual([]);
    expect(await ids(`story=${two}&q=snake`)).toEqual([plain.comment.id, underscore.comment.id]);
    expect(await ids('q=snake', 'approved')).toEqual([]);
    expect(await ids('q=%20%20')).toHaveLength(5);

    const long = await t.app.request(`/api/admin/comments?q=${'x'.repeat(201)}`, { headers: bearer(OPERATOR_TOKEN) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { fields: Record<string, string> } }).error.fields.q).toMatch(/200/);
  });
});

describe('link-stuffed comments', () => {
  it('waits past COMMENT_MAX_LINKS whoever wrote it, and the queue says how many links it holds', async () => {
    const t = setUp({ commentMaxLinks: 1 });
    const reader = { name: 'Trusted', email: 'trusted@example.com' };
    const first = await t.post(t.slugs[0]!, 'My first comment.', reader);
    expect((await t.act(OPERATOR_TOKEN, first.comment.id, 'approve')).status).toBe(200);
    // One address with its www. counts once.
    expect((await t.post(t.slugs[0]!, 'See https://www.a.example/page.', reader)).status).toBe('approved');
    const stuffed = await t.post(t.slugs[0]!, 'https://www.a.example and www.b.example', reader);
    expect(stuffed.status).toBe('pending');
    const [held] = (await t.queue(OPERATOR_TOKEN, 'status=pending')).comments;
    expect(held).toMatchObject({ id: stuffed.comment.id, links: 2 });
  });
});
