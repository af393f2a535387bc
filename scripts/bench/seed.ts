import { CommentPage, type PublicComment } from '../../src/schema';
import { randomFrom } from './archiveWords';

/**
 * Puts approved comments on a story the way readers and a moderator would: readers post through the public
 * API, a moderator approves them through the admin API, and readers who already have an approved comment post
 * replies that the server approves by itself. The text is deterministic, so every run seeds the same thread.
 */

const FIRST = [
  'Ana',
  'Bram',
  'Chidi',
  'Dora',
  'Emeka',
  'Fen',
  'Greta',
  'Hamid',
  'Ines',
  'Jonas',
  'Kiri',
  'Lotte',
  'Mateo',
  'Nell',
  'Oskar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tove',
];
const LAST = ['Alder', 'Brook', 'Carver', 'Dunmore'];
const OPENINGS = [
  'We made two lanterns at the Mercer Road workshop last weekend',
  'Walked the whole route last year with my grandmother',
  'The willow frames are easier than they look',
  'Could the organisers add a weekday evening session',
  'Our school class is planning to bring thirty lanterns',
  'Tissue paper tears if the willow is still wet',
  'The battery candles from the hall last about six hours',
  'Is there a quieter spot on the seafront for people who find crowds hard',
  'Lovely to see the walk growing every year',
  'The volunteers at the hall were patient with our kids',
];
const MIDDLES = [
  'and the glue dried faster than we expected.',
  'and the lighthouse at the end is worth the cold.',
  'so bring a towel for your hands.',
  'for people who work at weekends.',
  'which is a lot of willow to bend.',
  'so let it dry for an hour first.',
  'which is plenty for the walk and the party after.',
  'since last year the path by the harbour got very busy.',
];
const ENDINGS = [
  '',
  ' See you on the longest night.',
  ' Thanks to everyone who runs it.',
  ' Happy to help carry the spares.',
  ' Count us in.',
];

interface Reader {
  name: string;
  email: string;
  website?: string;
}

const readers: Reader[] = Array.from({ length: 40 }, (_, index) => {
  const name = `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}`;
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@readers.example`;
  return index % 7 === 0
    ? { name, email, website: `https://${name.split(' ')[0]!.toLowerCase()}.example` }
    : { name, email };
});

async function send(url: string, init: RequestInit & { expect: number[] }): Promise<unknown> {
  const response = await fetch(url, init);
  const body: unknown = await response.json().catch(() => null);
  if (!init.expect.includes(response.status)) {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body;
}

async function post(base: string, slug: string, reader: Reader, text: string, parentId?: number) {
  const body = await send(`${base}/api/stories/${slug}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...reader, text, ...(parentId ? { parentId } : {}) }),
    expect: [201],
  });
  return body as { comment: PublicComment; status: string };
}

async function approveAllPending(base: string, slug: string, token: string): Promise<number> {
  const auth = { authorization: `Bearer ${token}` };
  let approved = 0;
  for (;;) {
    const { comments } = (await send(`${base}/api/admin/comments?status=pending`, {
      headers: auth,
      expect: [200],
    })) as {
      comments: { id: number; story: { slug: string } }[];
    };
    const ours = comments.filter((comment) => comment.story.slug === slug);
    if (ours.length === 0) return approved;
    for (const comment of ours) {
      await send(`${base}/api/admin/comments/${comment.id}/approve`, { method: 'POST', headers: auth, expect: [200] });
      approved++;
    }
  }
}

/** Every approved comment on the story, through the public API (all pages). */
export async function approvedComments(
  base: string,
  slug: string,
): Promise<{ comments: PublicComment[]; total: number }> {
  const comments: PublicComment[] = [];
  let cursor = '';
  let total = 0;
  for (let page = 0; page < 100; page++) {
    const response = await fetch(`${base}/api/stories/${slug}/comments${cursor ? `?cursor=${cursor}` : ''}`);
    if (!response.ok) throw new Error(`GET comments of ${slug} answered ${response.status}`);
    const data = CommentPage.parse(await response.json());
    comments.push(...data.comments);
    total = data.total;
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return { comments, total };
}

/**
 * Seeds `count` approved comments on `slug`: about four in five top-level (posted, then approved by the
 * moderator), the rest replies by readers the moderator already trusts. Needs ADMIN_TOKEN and
 * COMMENT_FLOOD_SECONDS=0 on the server.
 */
export async function seedComments(base: string, slug: string, token: string, count: number): Promise<PublicComment[]> {
  // The same thread on every run.
  const next = randomFrom(2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const text = (index: number) => `${pick(OPENINGS)}, ${pick(MIDDLES)}${pick(ENDINGS)} (#${index + 1})`;
  const replies = Math.floor(count / 5);
  const topLevel = count - replies;

  const posted: PublicComment[] = [];
  for (let index = 0; index < topLevel; index++) {
    posted.push((await post(base, slug, readers[index % readers.length]!, text(index))).comment);
  }
  await approveAllPending(base, slug, token);
  for (let index = topLevel; index < count; index++) {
    const parent = posted[Math.floor(next() * posted.length)]!;
    // Repliers already have an approved comment, so the server approves these itself.
    posted.push((await post(base, slug, readers[(index * 3) % readers.length]!, text(index), parent.id)).comment);
  }
  await approveAllPending(base, slug, token);

  const { comments, total } = await approvedComments(base, slug);
  const ids = new Set(posted.map((comment) => comment.id));
  const seeded = comments.filter((comment) => ids.has(comment.id));
  if (seeded.length !== count)
    throw new Error(`seeded ${count} comments on ${slug} but ${seeded.length} are approved (total ${total})`);
  return comments;
}
