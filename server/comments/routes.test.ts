import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  CommentPage,
  ModerationList,
  PostedComment,
  Story,
  StoryPage,
  type CommentStatus,
  type StorySummary,
  UNSTORABLE_MESSAGE,
} from '../../src/schema';
import type { Config } from '../config';
import { createTestApp } from '../../test/helpers/app';

const TOKEN = 'secret-token-0123456789abcdef012';
/** The IP used for requests that do not stand for a particular reader (listings, moderation). */
const OFFICE_IP = '198.51.100.250';

let readers = 0;

/** A reader nobody has seen yet: their own IP and email, so flood control and trust never leak between tests. */
function newReader(label = 'reader') {
  readers++;
  return {
    name: `${label} ${readers}`,
    email: `${label}.${readers}@example.com`,
    ip: `203.0.${100 + Math.floor(readers / 200)}.${(readers % 200) + 1}`,
  };
}
type Reader = ReturnType<typeof newReader>;

const connection = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

interface StoredRow {
  id: number;
  story_slug: string;
  parent_id: number | null;
  depth: number;
  name: string;
  email: string;
  website: string | null;
  text: string;
  status: CommentStatus;
  ip_hash: string;
  user_agent: string;
  created_at: string;
}

type Harness = ReturnType<typeof createTestApp>;

async function storedRow(t: Harness, id: number): Promise<StoredRow | undefined> {
  await t.ready;
  return (await t.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst()) as
    StoredRow | undefined;
}

async function rowCount(t: Harness): Promise<number> {
  await t.ready;
  return (
    await t.db
      .selectFrom('comments')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow()
  ).n;
}

/** Comments written straight into the database, for scenarios too big to build through the API. */
async function insertDirect(t: Harness, slug: string, status: CommentStatus, text: string): Promise<number> {
  await t.ready;
  const row = await t.db
    .insertInto('comments')
    .values({
      story_slug: slug,
      parent_id: null,
      depth: 1,
      name: 'Direct Writer',
      email: 'direct@example.com',
      website: null,
      text,
      status,
      ip_hash: 'hash',
      user_agent: '',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The real app on a real SQLite file, with helpers that record every response body
 * (so a scenario can check afterwards that nothing private was ever sent).
 */
function harness(config: Partial<Config> = {}) {
  const test = createTestApp({ config });
  /** Answers anyone may get, and the moderators' (behind the token), which alone may carry an email address. */
  const bodies: string[] = [];
  const moderatorBodies: string[] = [];
  const slugs = test.content.stories.map((story) => story.slug);

  async function request(path: string, init: RequestInit = {}, ip = OFFICE_IP) {
    const response = await test.app.request(path, init, connection(ip));
    const text = await response.text();
    (path.startsWith('/api/admin/') && response.status === 200 ? moderatorBodies : bodies).push(text);
    return { status: response.status, headers: response.headers, text, json: (): unknown => JSON.parse(text) };
  }

  const post = (slug: string, body: unknown, ip: string, headers: Record<string, string> = {}) =>
    request(
      `/api/stories/${slug}/comments`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) },
      ip,
    );

  /** Posts as this reader and insists on a 201. */
  async function comment(slug: string, reader: Reader, text: string, extra: Record<string, unknown> = {}) {
    const response = await post(slug, { name: reader.name, email: reader.email, text, ...extra }, reader.ip);
    expect(response.status, response.text).toBe(201);
    return PostedComment.parse(response.json());
  }

  async function list(slug: string, cursor?: string) {
    const response = await request(`/api/stories/${slug}/comments${cursor === undefined ? '' : `?cursor=${cursor}`}`);
    expect(response.status, response.text).toBe(200);
    return CommentPage.parse(response.json());
  }

  const auth = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });

  const moderate = (id: number | string, action: string, headers: Record<string, string> = auth()) =>
    request(`/api/admin/comments/${id}/${action}`, { method: 'POST', headers });

  /** Moderates and insists it worked. */
  async function setStatus(id: number, action: 'approve' | 'spam' | 'trash') {
    const response = await moderate(id, action);
    expect(response.status, response.text).toBe(200);
  }

  async function queue(status?: string) {
    const response = await request(`/api/admin/comments${status === undefined ? '' : `?status=${status}`}`, {
      headers: auth(),
    });
    expect(response.status, response.text).toBe(200);
    return ModerationList.parse(response.json()).comments;
  }

  /** A reader whose email the moderators already trust (one approved comment), on a story no test counts. */
  async function trustedReader(label = 'trusted') {
    const reader = newReader(label);
    const first = await comment(slugs.at(-1)!, reader, `First words from ${reader.name}.`);
    await setStatus(first.comment.id, 'approve');
    return reader;
  }

  return {
    ...test,
    bodies,
    moderatorBodies,
    slugs,
    request,
    post,
    comment,
    list,
    moderate,
    setStatus,
    queue,
    auth,
    trustedReader,
  };
}

const errorOf = (response: { json: () => unknown }) => ApiError.parse(response.json()).error;

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /api/stories/:slug/comments', () => {
  it('lists approved comments only, oldest first, whatever order they were approved in', async () => {
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const slug = t.slugs[0]!;
    const posted: Record<string, number> = {};
    for (const label of ['first', 'second', 'third', 'fourth', 'fifth', 'sixth']) {
      posted[label] = (await t.comment(slug, newReader(label), `The ${label} comment.`)).comment.id;
    }
    await t.setStatus(posted.fifth!, 'approve');
    await t.setStatus(posted.first!, 'approve');
    await t.setStatus(posted.third!, 'approve');
    await t.setStatus(posted.second!, 'spam');
    await t.setStatus(posted.sixth!, 'approve');
    await t.setStatus(posted.sixth!, 'trash');
    // fourth stays pending

    const page = await t.list(slug);
    expect(page.comments.map((comment) => comment.text)).toEqual([
      'The first comment.',
      'The third comment.',
      'The fifth comment.',
    ]);
    expect(page.total).toBe(3);
    expect(page.nextCursor).toBeNull();
  });

  it('never lists pending, spam or trashed comments, nor another story’s comments', async () => {
    const t = harness();
    const [slug, other] = [t.slugs[1]!, t.slugs[2]!];
    const approved = await insertDirect(t, slug, 'approved', 'visible');
    for (const status of ['pending', 'spam', 'trash'] as const) await insertDirect(t, slug, status, `hidden ${status}`);
    await insertDirect(t, other, 'approved', 'on the other story');

    const page = await t.list(slug);
    expect(page.comments.map((comment) => comment.id)).toEqual([approved]);
    expect(page.total).toBe(1);
  });

  it('answers an empty page for a story with no comments', async () => {
    const t = harness();
    expect(await t.list(t.slugs[3]!)).toEqual({ comments: [], nextCursor: null, total: 0 });
  });

  it('pages through 57 approved comments 50 at a time, with total counting approved comments only', async () => {
    const t = harness();
    const slug = t.slugs[4]!;
    const approvedIds: number[] = [];
    for (let index = 0; index < 57; index++) {
      approvedIds.push(await insertDirect(t, slug, 'approved', `approved ${index}`));
      if (index % 6 === 0)
        await insertDirect(t, slug, (['pending', 'spam', 'trash'] as const)[index % 3]!, `hidden ${index}`);
    }

    const first = await t.list(slug);
    expect(first.comments).toHaveLength(50);
    expect(first.total).toBe(57);
    expect(first.nextCursor).toEqual(expect.any(String));

    const second = await t.list(slug, first.nextCursor!);
    expect(second.comments).toHaveLength(7);
    expect(second.total).toBe(57);
    expect(second.nextCursor).toBeNull();

    const seen = [...first.comments, ...second.comments].map((comment) => comment.id);
    expect(seen).toEqual(approvedIds);
    expect(new Set(seen).size).toBe(57);
  });

  it('offers no next page when exactly one page of comments exists', async () => {
    const t = harness();
    const slug = t.slugs[5]!;
    for (let index = 0; index < 50; index++) await insertDirect(t, slug, 'approved', `comment ${index}`);
    await insertDirect(t, slug, 'pending', 'one more, but pending');
    const page = await t.list(slug);
    expect(page.comments).toHaveLength(50);
    expect(page.nextCursor).toBeNull();
  });

  it('answers 404 for an unknown story', async () => {
    const t = harness();
    for (const slug of ['no-such-story', 'NOT_A_SLUG']) {
      const response = await t.request(`/api/stories/${slug}/comments`);
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    }
  });

  it.each(['abc', '-1', '1.5', 'NaN'])('answers 400 for the cursor %j', async (cursor) => {
    const t = harness();
    const response = await t.request(`/api/stories/${t.slugs[0]}/comments?cursor=${cursor}`);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('bad_request');
  });
});

describe('POST /api/stories/:slug/comments', () => {
  it('answers 201 with the public comment and its status', async () => {
    const t = harness();
    const reader = newReader();
    const response = await t.post(
      t.slugs[0]!,
      { name: `  ${reader.name} `, email: reader.email, website: 'https://rua.example', text: '  Well reported.  ' },
      reader.ip,
    );
    expect(response.status).toBe(201);
    const body = response.json();
    expect(Object.keys(body as object).sort()).toEqual(['comment', 'status']);
    const posted = PostedComment.parse(body);
    expect(posted.status).toBe('pending');
    expect(posted.comment).toEqual({
      id: expect.any(Number),
      parentId: null,
      name: reader.name,
      website: 'https://rua.example',
      text: 'Well reported.',
      createdAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(posted.comment.createdAt))).toBe(false);
    expect(await storedRow(t, posted.comment.id)).toBeDefined();
  });

  it.each([
    ['form-encoded', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['plain text', { 'Content-Type': 'text/plain' }],
    ['no content type', {}],
  ])('answers 415 for a %s body', async (_label, headers) => {
    const t = harness();
    const reader = newReader();
    const response = await t.request(
      `/api/stories/${t.slugs[0]}/comments`,
      { method: 'POST', headers, body: `name=${reader.name}&email=${reader.email}&text=Hello` },
      reader.ip,
    );
    expect(response.status).toBe(415);
    expect(errorOf(response).code).toBe('unsupported_media_type');
    expect(await rowCount(t)).toBe(0);
  });

  it('accepts a JSON content type with a charset', async () => {
    const t = harness();
    const reader = newReader();
    const response = await t.post(
      t.slugs[0]!,
      { name: reader.name, email: reader.email, text: 'Charset.' },
      reader.ip,
      {
        'Content-Type': 'application/json; charset=utf-8',
      },
    );
    expect(response.status).toBe(201);
  });

  describe('body size', () => {
    /** A valid comment whose JSON body is exactly `bytes` bytes long. */
    function bodyOfBytes(reader: Reader, bytes: number) {
      const shell = JSON.stringify({ name: reader.name, email: reader.email, text: '' });
      return JSON.stringify({ name: reader.name, email: reader.email, text: 'x'.repeat(bytes - shell.length) });
    }
    const send = (t: ReturnType<typeof harness>, reader: Reader, body: string, headers: Record<string, string> = {}) =>
      t.request(
        `/api/stories/${t.slugs[0]}/comments`,
        { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body },
        reader.ip,
      );

    it('answers 413 for a body over 64 KiB, with or without a Content-Length header', async () => {
      const t = harness({ commentFloodSeconds: 0 });
      const reader = newReader();
      const body = bodyOfBytes(reader, 64 * 1024 + 1);
      expect(Buffer.byteLength(body)).toBe(65_537);
      const headerSets: Record<string, string>[] = [{}, { 'Content-Length': String(Buffer.byteLength(body)) }];
      for (const headers of headerSets) {
        const response = await send(t, reader, body, headers);
        expect(response.status).toBe(413);
        expect(errorOf(response).code).toBe('too_large');
      }
      const huge = await send(t, reader, bodyOfBytes(reader, 1024 * 1024));
      expect(huge.status).toBe(413);
      expect(await rowCount(t)).toBe(0);
    });

    it('accepts a body of exactly 64 KiB', async () => {
      const t = harness();
      const reader = newReader();
      const body = bodyOfBytes(reader, 64 * 1024);
      expect(Buffer.byteLength(body)).toBe(65_536);
      const response = await send(t, reader, body);
      expect(response.status, response.text).toBe(201);
    });

    // The schema allows 65,525 characters of text, but the request that carries that much (with a name and an
    // email, as JSON) is over the 64 KiB body limit: the server refuses it with 413 and says what to shorten.
    it('refuses a request over 64 KiB even when its text is within the text limit, naming the field', async () => {
      const t = harness();
      const reader = newReader();
      const response = await t.post(
        t.slugs[0]!,
        { name: reader.name, email: reader.email, text: 'x'.repeat(65_525) },
        reader.ip,
      );
      expect(response.status, response.text).toBe(413);
      expect(errorOf(response).fields).toEqual({ text: 'Your comment is too long to send: please shorten it.' });
    });
  });

  it('answers 400 for malformed JSON', async () => {
    const t = harness();
    const reader = newReader();
    for (const body of ['{"name": "Rua", "text": ', 'not json at all', '']) {
      const response = await t.request(
        `/api/stories/${t.slugs[0]}/comments`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body },
        reader.ip,
      );
      expect(response.status, body).toBe(400);
      expect(errorOf(response).code).toBe('bad_request');
    }
    expect(await rowCount(t)).toBe(0);
  });

  it('answers 422 naming each bad field with its message', async () => {
    const t = harness();
    const reader = newReader();
    const response = await t.post(
      t.slugs[0]!,
      { name: 'n'.repeat(246), email: 'not-an-email', website: 'javascript:alert(1)', text: '   ', parentId: -4 },
      reader.ip,
    );
    expect(response.status).toBe(422);
    expect(response.json()).toEqual({
      error: {
        code: 'invalid',
        message: expect.any(String),
        fields: {
          name: 'Your name can be at most 245 characters.',
          email: 'Please enter a valid email address, like name@example.com.',
          website: 'Please enter a web address starting with http:// or https://, or leave it empty.',
          text: 'Please type your comment.',
          parentId: expect.any(String),
        },
      },
    });
    expect(await rowCount(t)).toBe(0);
  });

  it('answers 422 naming only the one bad field', async () => {
    const t = harness();
    const reader = newReader();
    const response = await t.post(t.slugs[0]!, { name: reader.name, email: reader.email, text: '' }, reader.ip);
    expect(response.status).toBe(422);
    expect(errorOf(response)).toEqual({
      code: 'invalid',
      message: expect.any(String),
      fields: { text: 'Please type your comment.' },
    });
  });

  it('answers 422 with a field error for a NUL or a lone surrogate in any field, on either engine (issue 21 row 10)', async () => {
    const t = harness({ commentFloodSeconds: 0 });
    const reader = newReader();
    const good = { name: reader.name, email: reader.email, text: 'Fine words.', website: '' };
    const cases: [keyof typeof good, string][] = [
      ['text', 'a \u0000'],
      ['text', 'half \uD83D an emoji'],
      ['name', 'Nul\u0000 Reader'],
      ['email', 'nul\u0000@example.com'],
      ['website', 'https://example.com/\u0000'],
      ['website', 'https://example.com/\uDE00'],
    ];
    for (const [field, value] of cases) {
      // Sent as JSON escapes, the way the attacker's request carried them.
      const body = JSON.stringify({ ...good, [field]: value });
      const response = await t.request(
        `/api/stories/${t.slugs[0]}/comments`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body },
        reader.ip,
      );
      expect(response.status, `${field}: ${response.text}`).toBe(422);
      expect(errorOf(response)).toEqual({
        code: 'invalid',
        message: expect.any(String),
        fields: { [field]: UNSTORABLE_MESSAGE },
      });
    }
    expect(await rowCount(t)).toBe(0);
  });

  it('answers 404 for an unknown story and stores nothing', async () => {
    const t = harness();
    const reader = newReader();
    const response = await t.post(
      'no-such-story',
      { name: reader.name, email: reader.email, text: 'Hello?' },
      reader.ip,
    );
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('not_found');
    expect(await rowCount(t)).toBe(0);
  });

  describe('replies', () => {
    const PARENT_UNAVAILABLE = 'The comment you are replying to is not available on this story.';

    it('accepts a reply to an approved comment of the same story', async () => {
      const t = harness({ adminToken: TOKEN });
      const slug = t.slugs[0]!;
      const parent = await t.comment(slug, newReader(), 'Parent comment.');
      await t.setStatus(parent.comment.id, 'approve');
      const reply = await t.comment(slug, newReader(), 'A reply.', { parentId: parent.comment.id });
      expect(reply.comment.parentId).toBe(parent.comment.id);
      expect(await storedRow(t, reply.comment.id)).toMatchObject({ parent_id: parent.comment.id, depth: 2 });
    });

    it('answers 422 on parentId for a parent that is pending, spam, trashed, on another story or missing', async () => {
      const t = harness({ adminToken: TOKEN });
      const [slug, other] = [t.slugs[0]!, t.slugs[1]!];
      const pending = (await t.comment(slug, newReader(), 'Still pending.')).comment.id;
      const spam = (await t.comment(slug, newReader(), 'Spam.')).comment.id;
      await t.setStatus(spam, 'spam');
      const trashed = (await t.comment(slug, newReader(), 'Trashed.')).comment.id;
      await t.setStatus(trashed, 'approve');
      await t.setStatus(trashed, 'trash');
      const elsewhere = (await t.comment(other, newReader(), 'On another story.')).comment.id;
      await t.setStatus(elsewhere, 'approve');
      const missing = elsewhere + 1000;

      const before = await rowCount(t);
      for (const parentId of [pending, spam, trashed, elsewhere, missing]) {
        const reader = newReader();
        const response = await t.post(
          slug,
          { name: reader.name, email: reader.email, text: 'My reply.', parentId },
          reader.ip,
        );
        expect(response.status, `parentId ${parentId}`).toBe(422);
        expect(errorOf(response)).toEqual({
          code: 'invalid',
          message: expect.any(String),
          fields: { parentId: PARENT_UNAVAILABLE },
        });
      }
      expect(await rowCount(t)).toBe(before);
    });

    it('nests replies three deep and refuses a reply to a third-level comment', async () => {
      const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
      const slug = t.slugs[0]!;
      const reader = await t.trustedReader();

      const level1 = await t.comment(slug, reader, 'Level one.');
      const level2 = await t.comment(slug, reader, 'Level two.', { parentId: level1.comment.id });
      const level3 = await t.comment(slug, reader, 'Level three.', { parentId: level2.comment.id });
      for (const posted of [level1, level2, level3]) expect(posted.status).toBe('approved');
      const depths = await Promise.all([level1, level2, level3].map((posted) => storedRow(t, posted.comment.id)));
      expect(depths.map((row) => row?.depth)).toEqual([1, 2, 3]);

      const tooDeep = await t.post(
        slug,
        { name: reader.name, email: reader.email, text: 'Level four.', parentId: level3.comment.id },
        reader.ip,
      );
      expect(tooDeep.status).toBe(422);
      expect(errorOf(tooDeep)).toEqual({
        code: 'invalid',
        message: expect.any(String),
        fields: { parentId: 'Replies can nest at most 3 levels deep.' },
      });

      // A sibling at the third level is still fine.
      const sibling = await t.comment(slug, reader, 'Another level three.', { parentId: level2.comment.id });
      expect((await storedRow(t, sibling.comment.id))?.depth).toBe(3);
      expect((await t.list(slug)).comments.map((comment) => comment.text)).not.toContain('Level four.');
    });
  });
});

describe('honeypot', () => {
  it('answers a filled-in homepage with an ordinary 201 but never approves or lists the comment', async () => {
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const slug = t.slugs[0]!;
    const human = newReader('human');
    const ordinary = await t.post(slug, { name: human.name, email: human.email, text: 'I am a person.' }, human.ip);

    const bot = newReader('bot');
    const caught = await t.post(
      slug,
      { name: bot.name, email: bot.email, text: 'Cheap watches!', homepage: 'https://spam.example' },
      bot.ip,
    );
    expect(caught.status).toBe(201);
    const posted = PostedComment.parse(caught.json());
    expect(Object.keys(caught.json() as object).sort()).toEqual(Object.keys(ordinary.json() as object).sort());
    expect(Object.keys(posted.comment).sort()).toEqual(
      Object.keys(PostedComment.parse(ordinary.json()).comment).sort(),
    );
    expect(posted.status).toBe('pending');
    expect(posted.comment.text).toBe('Cheap watches!');

    const row = await storedRow(t, posted.comment.id);
    expect(row).toBeDefined();
    expect(row!.status).not.toBe('approved');
    expect((await t.list(slug)).comments.map((comment) => comment.id)).not.toContain(posted.comment.id);
    expect((await t.queue('pending')).map((comment) => comment.id)).not.toContain(posted.comment.id);
  });

  it('does not approve a honeypot comment even from a trusted email', async () => {
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const slug = t.slugs[0]!;
    const reader = await t.trustedReader();
    const caught = await t.comment(slug, reader, 'Filled the hidden field.', { homepage: 'x' });
    expect(caught.status).not.toBe('approved');
    expect((await storedRow(t, caught.comment.id))?.status).not.toBe('approved');
    expect((await t.list(slug)).comments).toEqual([]);
  });
  it('stores one row for a flood of identical honeypot posts, answers the rest as flood or duplicate, and logs a count (issue 21 row 8)', async () => {
    const t = harness({ commentFloodSeconds: 15 });
    const slug = t.slugs[0]!;
    const bot = newReader('bot');
    const body = {
      name: bot.name,
      email: bot.email,
      text: 'Cheap watches! '.repeat(200),
      homepage: 'https://spam.example',
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.post(slug, body, bot.ip)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429 || status === 409)).toHaveLength(19);
    expect(await rowCount(t)).toBe(1);

    // The same bot from other addresses: the duplicate check still holds it to one row.
    for (let i = 0; i < 5; i++) {
      const again = await t.post(slug, body, newReader('elsewhere').ip);
      expect([409, 429]).toContain(again.status);
    }
    expect(await rowCount(t)).toBe(1);

    // A new body from a new address and email is a new catch, counted rather than logged on its own line.
    for (let i = 0; i < 3; i++) {
      const other = newReader('bot');
      const caught = await t.post(slug, { ...body, name: other.name, email: other.email, text: `Spam ${i}` }, other.ip);
      expect(caught.status, caught.text).toBe(201);
    }
    expect(await rowCount(t)).toBe(4);
    const honeypotLines = () => t.logs.filter((line) => line.includes('honeypot'));
    expect(honeypotLines()).toHaveLength(1);
    expect(honeypotLines()[0]).toMatch(/^comments: honeypot caught a post on /);

    // The minute is over: the next catch first logs the count the minute held.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    const late = newReader('bot');
    expect((await t.post(slug, { ...body, name: late.name, email: late.email, text: 'Late' }, late.ip)).status).toBe(
      201,
    );
    expect(honeypotLines().slice(1)).toEqual([
      expect.stringMatching(/^comments: honeypot caught 3 more post\(s\) in \d+ s$/),
      expect.stringMatching(/^comments: honeypot caught a post on /),
    ]);
  });
});

describe('moderation rules', () => {
  it('holds a new email’s comment, and approves that email’s next comment once one is approved', async () => {
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const slug = t.slugs[0]!;
    const reader = newReader();

    const first = await t.comment(slug, reader, 'My first comment.');
    expect(first.status).toBe('pending');
    expect((await storedRow(t, first.comment.id))?.status).toBe('pending');
    const second = await t.comment(slug, reader, 'Still waiting for a moderator.');
    expect(second.status).toBe('pending');
    expect((await t.list(slug)).comments).toEqual([]);

    await t.setStatus(first.comment.id, 'approve');
    const third = await t.comment(slug, reader, 'Now I am trusted.');
    expect(third.status).toBe('approved');
    expect((await storedRow(t, third.comment.id))?.status).toBe('approved');
    expect((await t.list(slug)).comments.map((comment) => comment.text)).toEqual([
      'My first comment.',
      'Now I am trusted.',
    ]);

    // The same address typed differently is the same reader.
    const shouting = await t.comment(slug, { ...reader, email: `  ${reader.email.toUpperCase()} ` }, 'Caps lock.');
    expect(shouting.status).toBe('approved');

    // Trust belongs to the email, not to the IP or the name.
    const stranger = await t.comment(
      slug,
      { ...newReader(), ip: reader.ip, name: reader.name },
      'Same desk, new email.',
    );
    expect(stranger.status).toBe('pending');
  });

  it('holds a trusted email’s comment with more than two links', async () => {
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const slug = t.slugs[0]!;
    const reader = await t.trustedReader();

    const twoLinks = await t.comment(slug, reader, 'See https://a.example and http://b.example for more.');
    expect(twoLinks.status).toBe('approved');

    const threeLinks = await t.comment(slug, reader, 'https://a.example https://b.example https://c.example');
    expect(threeLinks.status).toBe('pending');
    expect((await storedRow(t, threeLinks.comment.id))?.status).toBe('pending');

    const www = await t.comment(slug, reader, 'Try www.a.example, www.b.example and https://c.example');
    expect(www.status).toBe('pending');

    expect((await t.list(slug)).comments.map((comment) => comment.id)).toEqual([twoLinks.comment.id]);
  });
});

describe('flood control', () => {
  const FLOOD_MESSAGE = /^You are posting comments too quickly\. Please wait (\d+) seconds\.$/;

  /** The 429 answer's wait, checked against the Retry-After header. */
  function expectFlooded(response: { status: number; headers: Headers; json: () => unknown }) {
    expect(response.status).toBe(429);
    const retryAfter = response.headers.get('retry-after');
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    const error = errorOf(response);
    expect(error.code).toBe('too_many_requests');
    const match = FLOOD_MESSAGE.exec(error.message);
    expect(match, error.message).not.toBeNull();
    expect(match![1]).toBe(retryAfter);
    return Number(retryAfter);
  }

  it('answers 429 to a second post from the same IP with another email', async () => {
    const t = harness();
    const first = newReader();
    await t.comment(t.slugs[0]!, first, 'First.');
    const second = { ...newReader(), ip: first.ip };
    const response = await t.post(t.slugs[1]!, { name: second.name, email: second.email, text: 'Second.' }, second.ip);
    const wait = expectFlooded(response);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(15);
    expect(await rowCount(t)).toBe(1);
  });

  it('answers 429 to a second post from the same email on another IP', async () => {
    const t = harness();
    const first = newReader();
    await t.comment(t.slugs[0]!, first, 'First.');
    const response = await t.post(
      t.slugs[0]!,
      { name: first.name, email: first.email.toUpperCase(), text: 'From my phone.' },
      newReader().ip,
    );
    expectFlooded(response);
    expect(await rowCount(t)).toBe(1);
  });

  it('lets a different IP and email post at once', async () => {
    const t = harness();
    await t.comment(t.slugs[0]!, newReader(), 'First.');
    await t.comment(t.slugs[0]!, newReader(), 'Someone else entirely.');
    expect(await rowCount(t)).toBe(2);
  });

  it('counts the wait down and lifts the limit after 15 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // After the newest story of the test content: a story dated later is not yet published, and takes no comments.
    const start = new Date('2026-12-05T10:00:00.000Z');
    vi.setSystemTime(start);
    const t = harness();
    const reader = newReader();
    await t.comment(t.slugs[0]!, reader, 'First.');

    vi.setSystemTime(new Date(start.getTime() + 10_000));
    const again = { ...newReader(), ip: reader.ip };
    expect(
      expectFlooded(await t.post(t.slugs[0]!, { name: again.name, email: again.email, text: 'Too soon.' }, again.ip)),
    ).toBe(5);

    vi.setSystemTime(new Date(start.getTime() + 15_001));
    await t.comment(t.slugs[0]!, again, 'Waited long enough.');
  });

  it('is not fooled by an X-Forwarded-For header when the proxy is not trusted', async () => {
    const t = harness();
    const reader = newReader();
    await t.comment(t.slugs[0]!, reader, 'First.');
    const other = newReader();
    const response = await t.post(t.slugs[0]!, { name: other.name, email: other.email, text: 'Spoofed.' }, reader.ip, {
      'X-Forwarded-For': other.ip,
    });
    expectFlooded(response);
  });

  describe('behind a trusted proxy', () => {
    const PROXY_IP = '10.0.0.2';
    /** What a load balancer sends on: whatever X-Forwarded-For the client sent, then the client's real address. */
    const viaProxy = (t: ReturnType<typeof harness>, who: Reader, text: string, clientHeader?: string) =>
      t.post(t.slugs[0]!, { name: who.name, email: who.email, text }, PROXY_IP, {
        'X-Forwarded-For': clientHeader ? `${clientHeader}, ${who.ip}` : who.ip,
      });

    it('tells readers apart by the address the proxy forwards', async () => {
      const t = harness({ trustProxy: true });
      const [first, second] = [newReader(), newReader()];
      expect((await viaProxy(t, first, 'First.')).status).toBe(201);
      expect((await viaProxy(t, second, 'Second, another reader behind the same proxy.')).status).toBe(201);
      expectFlooded(await viaProxy(t, { ...newReader(), ip: first.ip }, 'First reader again, new email.'));
    });

    // The leftmost X-Forwarded-For entry is whatever the client sent; only the entry the proxy appended can be trusted.
    it('is not fooled by a client that sends its own X-Forwarded-For through the proxy', async () => {
      const t = harness({ trustProxy: true });
      const reader = newReader();
      expect((await viaProxy(t, reader, 'First.', '192.0.2.1')).status).toBe(201);
      const sameMachine = { ...newReader(), ip: reader.ip };
      expectFlooded(await viaProxy(t, sameMachine, 'Second, with a made-up address.', '192.0.2.2'));
    });
  });

  it('has no limit when commentFloodSeconds is 0', async () => {
    const t = harness({ commentFloodSeconds: 0 });
    const reader = newReader();
    for (let index = 0; index < 5; index++) await t.comment(t.slugs[index % 2]!, reader, `Comment number ${index}.`);
    expect(await rowCount(t)).toBe(5);
  });
});

describe('duplicates', () => {
  const DUPLICATE = "Duplicate comment detected; it looks as though you've already said that!";

  it('answers 409 when the same email says the same thing on the same story', async () => {
    const t = harness({ commentFloodSeconds: 0 });
    const slug = t.slugs[0]!;
    const reader = newReader();
    await t.comment(slug, reader, 'I agree entirely.');

    for (const repeat of [
      { name: reader.name, email: reader.email, text: 'I agree entirely.' },
      { name: 'Another Name', email: reader.email.toUpperCase(), text: '  I agree entirely.\n' },
    ]) {
      const response = await t.post(slug, repeat, newReader().ip);
      expect(response.status).toBe(409);
      expect(errorOf(response)).toEqual({ code: 'duplicate', message: DUPLICATE });
    }
    expect(await rowCount(t)).toBe(1);
  });

  it('accepts the same words from another email, or on another story', async () => {
    const t = harness({ commentFloodSeconds: 0 });
    const reader = newReader();
    await t.comment(t.slugs[0]!, reader, 'I agree entirely.');
    await t.comment(t.slugs[1]!, reader, 'I agree entirely.');
    await t.comment(t.slugs[0]!, newReader(), 'I agree entirely.');
    expect(await rowCount(t)).toBe(3);
  });
});

describe('what a 201 stores', () => {
  it('has the comment committed: a new connection to the database finds it', async () => {
    const t = harness();
    const reader = newReader();
    const posted = await t.comment(t.slugs[0]!, reader, 'Written to disk.');
    if (t.store.engine === 'postgres') {
      const other = new pg.Client({ connectionString: t.databaseUrl });
      await other.connect();
      try {
        const { rows } = await other.query('SELECT text, email FROM comments WHERE id = $1', [posted.comment.id]);
        expect(rows).toEqual([{ text: 'Written to disk.', email: reader.email }]);
        // Durable: the commit waited for the write-ahead log to reach the disk.
        expect(
          (await t.db.executeQuery(sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.compile(t.db))).rows,
        ).toEqual([{ synchronous_commit: 'on' }]);
      } finally {
        await other.end();
      }
      return;
    }
    const other = new Database(t.dbPath, { readonly: true, fileMustExist: true });
    try {
      const row = other.prepare('SELECT text, email FROM comments WHERE id = ?').get(posted.comment.id);
      expect(row).toEqual({ text: 'Written to disk.', email: reader.email });
    } finally {
      other.close();
    }
  });

  it('stores every field, with the email lower-cased and the IP only as a hash', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T10:00:00.000Z'));
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const slug = t.slugs[2]!;
    const parent = await t.comment(slug, newReader(), 'Parent.');
    await t.setStatus(parent.comment.id, 'approve');

    vi.setSystemTime(new Date('2026-12-05T10:00:07.250Z'));
    const reader = { ...newReader(), email: 'Mixed.Case@Example.COM' };
    const response = await t.post(
      slug,
      {
        name: ' Tui Writer ',
        email: reader.email,
        website: ' https://tui.example/blog ',
        text: ' Stored carefully. ',
        parentId: parent.comment.id,
      },
      reader.ip,
      { 'User-Agent': 'TestBrowser/1.0 (Byline)' },
    );
    expect(response.status).toBe(201);
    const posted = PostedComment.parse(response.json());

    const row = (await storedRow(t, posted.comment.id))!;
    expect(row).toEqual({
      id: posted.comment.id,
      story_slug: slug,
      parent_id: parent.comment.id,
      depth: 2,
      name: 'Tui Writer',
      email: 'mixed.case@example.com',
      website: 'https://tui.example/blog',
      text: 'Stored carefully.',
      status: 'pending',
      ip_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      user_agent: 'TestBrowser/1.0 (Byline)',
      created_at: '2026-12-05T10:00:07.250Z',
      idempotency_key: null, // this post sent no Idempotency-Key
      answered_status: 'pending',
      wordpress_id: null, // posted here, not imported from WordPress
    });
    expect(row.ip_hash).not.toContain(reader.ip);

    // The hash identifies an IP (same IP, same hash; other IP, other hash) without being it.
    const sameIp = await t.comment(slug, { ...newReader(), ip: reader.ip }, 'Same IP.');
    const otherIp = await t.comment(slug, newReader(), 'Other IP.');
    expect((await storedRow(t, sameIp.comment.id))?.ip_hash).toBe(row.ip_hash);
    expect((await storedRow(t, otherIp.comment.id))?.ip_hash).not.toBe(row.ip_hash);
    expect((await storedRow(t, otherIp.comment.id))?.ip_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores no website as null, and no user agent as empty', async () => {
    const t = harness();
    const reader = newReader();
    const posted = await t.comment(t.slugs[0]!, reader, 'No website.');
    expect(posted.comment.website).toBeNull();
    expect(await storedRow(t, posted.comment.id)).toMatchObject({ website: null, user_agent: '' });
  });
});

describe('comment counts on stories', () => {
  async function summaryOf(t: ReturnType<typeof harness>, slug: string): Promise<StorySummary | undefined> {
    const response = await t.request('/api/stories?limit=50');
    expect(response.status).toBe(200);
    return StoryPage.parse(response.json()).stories.find((summary) => summary.slug === slug);
  }
  async function storyOf(t: ReturnType<typeof harness>, slug: string) {
    const response = await t.request(`/api/stories/${slug}`);
    expect(response.status).toBe(200);
    return Story.parse(response.json());
  }

  it('counts approved comments only, in the story, in the list and in related summaries', async () => {
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const story = t.content.stories[0]!;
    const slug = story.slug;
    const relating = t.content.stories.find((other) => other.related.includes(slug));
    expect(relating, 'some demo story relates to the first one').toBeDefined();

    const ids: number[] = [];
    for (let index = 0; index < 6; index++)
      ids.push((await t.comment(slug, newReader(), `Comment ${index}.`)).comment.id);
    expect((await storyOf(t, slug)).commentCount).toBe(0);
    expect((await summaryOf(t, slug))?.commentCount).toBe(0);

    await t.setStatus(ids[0]!, 'approve');
    await t.setStatus(ids[1]!, 'approve');
    await t.setStatus(ids[2]!, 'approve');
    await t.setStatus(ids[3]!, 'spam');
    await t.setStatus(ids[4]!, 'approve');
    await t.setStatus(ids[4]!, 'trash');
    // ids[5] stays pending; an approved comment elsewhere must not count here
    const elsewhere = await t.comment(t.slugs[1]!, newReader(), 'Elsewhere.');
    await t.setStatus(elsewhere.comment.id, 'approve');

    expect((await storyOf(t, slug)).commentCount).toBe(3);
    expect((await summaryOf(t, slug))?.commentCount).toBe(3);
    expect((await storyOf(t, relating!.slug)).related.find((summary) => summary.slug === slug)?.commentCount).toBe(3);
    expect((await t.list(slug)).total).toBe(3);
  });
});

describe('moderation API', () => {
  it('does not exist without ADMIN_TOKEN', async () => {
    const t = harness();
    const reader = newReader();
    const posted = await t.comment(t.slugs[0]!, reader, 'Waiting.');
    for (const response of [
      await t.request('/api/admin/comments', { headers: t.auth() }),
      await t.request('/api/admin/comments?status=pending'),
      await t.moderate(posted.comment.id, 'approve'),
    ]) {
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    }
    expect((await storedRow(t, posted.comment.id))?.status).toBe('pending');
  });

  it('asks for a token (401), refuses a wrong one (403) and accepts the right one', async () => {
    const t = harness({ adminToken: TOKEN });
    const posted = await t.comment(t.slugs[0]!, newReader(), 'Waiting.');

    const badHeaders: Record<string, string>[] = [
      {},
      { Authorization: TOKEN },
      { Authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` },
    ];
    for (const headers of badHeaders) {
      const list = await t.request('/api/admin/comments', { headers });
      expect(list.status).toBe(401);
      expect(list.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(errorOf(list).code).toBe('unauthorized');
      expect((await t.moderate(posted.comment.id, 'approve', headers)).status).toBe(401);
    }
    for (const token of ['wrong-token', `${TOKEN}x`, TOKEN.slice(0, -1), TOKEN.toUpperCase()]) {
      const list = await t.request('/api/admin/comments', { headers: t.auth(token) });
      expect(list.status).toBe(403);
      expect(errorOf(list).code).toBe('forbidden');
      expect((await t.moderate(posted.comment.id, 'approve', t.auth(token))).status).toBe(403);
    }
    expect((await storedRow(t, posted.comment.id))?.status).toBe('pending');

    const ok = await t.request('/api/admin/comments', { headers: t.auth() });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
  });

  it('logs wrong tokens with the address and never the token, and answers 429 after 10 a minute from one address (issue 21 row 15)', async () => {
    const t = harness({ adminToken: TOKEN });
    const guesser = '192.0.2.66';
    const guess = (token: string, ip = guesser) => t.request('/api/admin/comments', { headers: t.auth(token) }, ip);
    for (let i = 0; i < 10; i++) expect((await guess(`guess-number-${i}`)).status).toBe(403);
    const lines = t.logs.filter((line) => line.startsWith('admin: wrong token'));
    expect(lines).toHaveLength(10);
    for (const line of lines) {
      expect(line).toContain(guesser);
      expect(line).not.toMatch(/guess-number/);
    }

    vi.useFakeTimers({ toFake: ['Date'] });
    const limited = await guess('guess-number-10');
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('too_many_requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('cache-control')).toBe('no-store');
    // Even the right token waits: while limited, the address's tokens are not read at all.
    expect((await guess(TOKEN)).status).toBe(429);
    for (let i = 0; i < 50; i++) expect((await guess(`more-${i}`)).status).toBe(429);
    // Thousands of refusals make a line and then a count, not a line each.
    expect(t.logs.filter((line) => line.startsWith('admin:')).length).toBeLessThanOrEqual(12);
    expect(t.logs.join('\n')).not.toContain('more-');
    // Another address is not held back by this one.
    expect((await guess(TOKEN, '192.0.2.67')).status).toBe(200);

    vi.setSystemTime(Date.now() + 61_000);
    expect((await guess(TOKEN)).status).toBe(200);
  });

  it('lists comments by status, newest first, with the story’s slug and headline', async () => {
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const [storyA, storyB] = [t.content.stories[0]!, t.content.stories[1]!];
    const ids: Record<CommentStatus, number[]> = { pending: [], approved: [], spam: [], trash: [] };
    const statuses: CommentStatus[] = [
      'pending',
      'approved',
      'spam',
      'approved',
      'pending',
      'trash',
      'spam',
      'pending',
    ];
    for (const [index, status] of statuses.entries()) {
      const story = index % 2 === 0 ? storyA : storyB;
      const posted = await t.comment(story.slug, newReader(), `Comment ${index} to be ${status}.`);
      if (status !== 'pending') await t.setStatus(posted.comment.id, status === 'approved' ? 'approve' : status);
      ids[status].push(posted.comment.id);
    }

    for (const status of ['pending', 'approved', 'spam', 'trash'] as const) {
      const listed = await t.queue(status);
      expect(listed.map((comment) => comment.id)).toEqual([...ids[status]].reverse());
      for (const comment of listed) {
        expect(comment.status).toBe(status);
        const story = [storyA, storyB].find((candidate) => candidate.slug === comment.story.slug);
        expect(story).toBeDefined();
        expect(comment.story.headline).toBe(story!.headline);
        expect(comment.text).toMatch(new RegExp(`to be ${status}\\.$`));
      }
    }
    expect((await t.queue()).map((comment) => comment.id)).toEqual([...ids.pending].reverse());
  });

  it.each(['deleted', 'APPROVED', ''])('answers 400 for the status %j', async (status) => {
    const t = harness({ adminToken: TOKEN });
    const response = await t.request(`/api/admin/comments?status=${status}`, { headers: t.auth() });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('bad_request');
  });

  it('approves, spams and trashes, changing what the public listing shows', async () => {
    const t = harness({ adminToken: TOKEN, commentFloodSeconds: 0 });
    const slug = t.slugs[0]!;
    const a = (await t.comment(slug, newReader(), 'Comment A.')).comment.id;
    const b = (await t.comment(slug, newReader(), 'Comment B.')).comment.id;
    const listed = async () => (await t.list(slug)).comments.map((comment) => comment.id);
    expect(await listed()).toEqual([]);

    const approve = await t.moderate(a, 'approve');
    expect(approve.status).toBe(200);
    expect(approve.json()).toMatchObject({ status: 'approved', comment: { id: a, text: 'Comment A.' } });
    expect((await storedRow(t, a))?.status).toBe('approved');
    expect(await listed()).toEqual([a]);

    await t.setStatus(b, 'approve');
    expect(await listed()).toEqual([a, b]);

    const spam = await t.moderate(a, 'spam');
    expect(spam.status).toBe(200);
    expect(spam.json()).toMatchObject({ status: 'spam', comment: { id: a } });
    expect((await storedRow(t, a))?.status).toBe('spam');
    expect(await listed()).toEqual([b]);

    const trash = await t.moderate(b, 'trash');
    expect(trash.status).toBe(200);
    expect(trash.json()).toMatchObject({ status: 'trash', comment: { id: b } });
    expect((await storedRow(t, b))?.status).toBe('trash');
    expect(await listed()).toEqual([]);

    // A moderator can change their mind.
    await t.setStatus(a, 'approve');
    expect(await listed()).toEqual([a]);
  });

  it('answers 404 for an unknown comment or action, and 400 for a malformed id', async () => {
    const t = harness({ adminToken: TOKEN });
    const posted = await t.comment(t.slugs[0]!, newReader(), 'Here.');
    for (const action of ['approve', 'spam', 'trash']) {
      const response = await t.moderate(posted.comment.id + 100, action);
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    }
    expect((await t.moderate(posted.comment.id, 'delete')).status).toBe(404);
    for (const id of ['abc', '0', '-3', '1.5']) expect((await t.moderate(id, 'approve')).status, id).toBe(400);
    expect((await storedRow(t, posted.comment.id))?.status).toBe('pending');
  });

  it.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])(
    'answers 404 for the action %j, a name the prototype has (issue 21 row 13)',
    async (action) => {
      const t = harness({ adminToken: TOKEN });
      const posted = await t.comment(t.slugs[0]!, newReader(), 'Here.');
      const response = await t.moderate(posted.comment.id, action);
      expect(response.status, response.text).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
      expect((await storedRow(t, posted.comment.id))?.status).toBe('pending');
    },
  );
});

describe('privacy', () => {
  it('never sends a submitted email address or raw IP address in any response', async () => {
    const t = harness({ adminToken: TOKEN });
    const [slug, other] = [t.slugs[0]!, t.slugs[1]!];
    const alice = { name: 'Alice Harbour', email: 'Alice.Harbour@Example.org', ip: '203.0.113.41' };
    const bob = { name: 'Bob Quay', email: 'bob.quay@example.net', ip: '198.51.100.77' };
    const carol = { name: 'Carol Tide', email: 'carol-tide@example.com', ip: '192.0.2.133' };
    const dan = { name: 'Dan Bot', email: 'dan.bot@spam.example', ip: '192.0.2.201' };
    const emails = [alice.email, bob.email, carol.email, dan.email];
    const ips = [alice.ip, bob.ip, carol.ip, dan.ip, OFFICE_IP];
    const send = (slugTo: string, who: typeof alice, text: string, extra: Record<string, unknown> = {}) =>
      t.post(slugTo, { name: who.name, email: who.email, website: 'https://site.example', text, ...extra }, who.ip, {
        'User-Agent': 'PrivacyTest/1.0',
      });

    const statuses: number[] = [];
    const record = async (response: Promise<{ status: number; json: () => unknown }>) => {
      const answered = await response;
      statuses.push(answered.status);
      return answered;
    };

    const a1 = PostedComment.parse((await record(send(slug, alice, 'Alice speaks.'))).json());
    await record(send(slug, alice, 'Alice again, too soon.')); // 429, same IP and email
    const b1 = PostedComment.parse((await record(send(slug, bob, 'Bob speaks.'))).json());
    await record(send(other, dan, 'Cheap watches.', { homepage: 'https://spam.example' })); // honeypot
    await record(send('no-such-story', carol, 'Lost.')); // 404
    await record(send(slug, { ...carol, email: 'not-an-email' }, '')); // 422
    await record(send(slug, carol, 'A reply to nothing.', { parentId: a1.comment.id })); // 422: parent pending
    await record(
      t.request(
        `/api/stories/${slug}/comments`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' },
        carol.ip,
      ),
    );
    await record(
      t.request(
        `/api/stories/${slug}/comments`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: `email=${carol.email}`,
        },
        carol.ip,
      ),
    );
    await record(
      t.request(
        `/api/stories/${slug}/comments`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: carol.name, email: carol.email, text: 'x'.repeat(70_000) }),
        },
        carol.ip,
      ),
    );

    for (const status of ['pending', 'approved', 'spam', 'trash', 'bogus']) {
      await record(t.request(`/api/admin/comments?status=${status}`, { headers: t.auth() }));
    }
    await record(t.request('/api/admin/comments', { headers: t.auth('wrong') }));
    await record(t.request('/api/admin/comments'));
    await record(t.moderate(a1.comment.id, 'approve'));
    await record(t.moderate(b1.comment.id, 'spam'));
    await record(t.moderate(999_999, 'trash'));

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    const a2 = PostedComment.parse((await record(send(slug, alice, 'Alice, trusted now.'))).json()); // approved at once
    const c1 = PostedComment.parse(
      (await record(send(slug, carol, 'Carol replies.', { parentId: a1.comment.id }))).json(),
    );
    vi.setSystemTime(Date.now() + 60_000);
    await record(send(slug, alice, 'Alice, trusted now.')); // 409 duplicate
    await record(t.moderate(c1.comment.id, 'trash'));
    vi.useRealTimers();

    for (const admin of ['pending', 'approved', 'spam', 'trash'])
      await record(t.request(`/api/admin/comments?status=${admin}`, { headers: t.auth() }));
    for (const story of [slug, other]) {
      await record(t.request(`/api/stories/${story}/comments`));
      await record(t.request(`/api/stories/${story}`));
    }
    await record(t.request(`/api/stories/${slug}/comments?cursor=${a1.comment.id}`));
    await record(t.request(`/api/stories/${slug}/comments?cursor=bad`));
    await record(t.request('/api/stories/no-such-story/comments'));
    await record(t.request('/api/stories?limit=50'));
    await record(t.request(`/api/authors/${t.content.stories[0]!.authorId}`));

    // The scenario really took every path (so the bodies below are worth searching)...
    expect(new Set(statuses)).toEqual(new Set([200, 201, 400, 401, 403, 404, 409, 413, 415, 422, 429]));
    expect(a2.status).toBe('approved');
    const everything = t.bodies.join('\n');
    expect(t.bodies.length + t.moderatorBodies.length).toBeGreaterThanOrEqual(statuses.length);
    for (const visible of [
      alice.name,
      bob.name,
      carol.name,
      'Alice speaks.',
      'Carol replies.',
      'https://site.example',
    ]) {
      expect(everything).toContain(visible);
    }
    // ...and none of them carries an email address or an IP address, except that moderators see the emails.
    for (const [index, body] of t.bodies.entries()) {
      for (const email of emails) expect(body.toLowerCase(), `response #${index}`).not.toContain(email.toLowerCase());
      for (const ip of ips) expect(body, `response #${index}`).not.toContain(ip);
    }
    const moderatorsSaw = t.moderatorBodies.join('\n');
    for (const email of [alice.email, bob.email, carol.email]) expect(moderatorsSaw).toContain(email.toLowerCase());
    for (const ip of ips) expect(moderatorsSaw).not.toContain(ip);
  });
});
