import { sql, type Kysely } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import type { CommentStatus, ModerationComment, PublicComment } from '../../src/schema';
import type { Changes } from '../changes';
import type { Db, Engine } from '../store/open';
import type { Tables } from '../store/tables';

interface CommentRow {
  id: number;
  parent_id: number | null;
  name: string;
  website: string | null;
  text: string;
  created_at: string;
}

const PUBLIC_COLUMNS = ['id', 'parent_id', 'name', 'website', 'text', 'created_at'] as const;

/** Only these columns ever leave the server: email, IP hash and user agent stay in the database. */
const toPublic = (row: CommentRow): PublicComment => ({
  id: row.id,
  parentId: row.parent_id,
  name: row.name,
  website: row.website,
  text: row.text,
  createdAt: row.created_at,
});

export interface NewComment {
  storySlug: string;
  parentId: number | null;
  depth: number;
  name: string;
  email: string;
  website: string | null;
  text: string;
  status: CommentStatus;
  ipHash: string;
  userAgent: string;
  createdAt: string;
}

/** IPs are stored only as a salted hash: enough to spot a flood, useless to anyone who copies the database. */
async function ipSalt(db: Db): Promise<string> {
  const read = () => db.selectFrom('settings').select('value').where('key', '=', 'ip_salt').executeTakeFirst();
  const found = await read();
  if (found) return found.value;
  // Another server may be doing the same at this moment: whichever insert lands first is everyone's salt.
  await db
    .insertInto('settings')
    .values({ key: 'ip_salt', value: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await read())!.value;
}

/** The reads and writes of one comment decision, on the database or inside a transaction. */
function commentQueries(db: Kysely<Tables>) {
  return {
    /** The approved comment of this story a reply would hang under, with its depth. */
    parent: (id: number, storySlug: string) =>
      db
        .selectFrom('comments')
        .select(['id', 'depth'])
        .where('id', '=', id)
        .where('story_slug', '=', storySlug)
        .where('status', '=', 'approved')
        .executeTakeFirst(),

    async hasApprovedComment(email: string) {
      const row = await db
        .selectFrom('comments')
        .select(sql`1`.as('one'))
        .where('email', '=', email)
        .where('status', '=', 'approved')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** When this IP or email last posted, if within the window that starts at `since`. */
    async lastPostSince(ipHash: string, email: string, since: string) {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.max('created_at').as('last'))
        .where((eb) => eb.or([eb('ip_hash', '=', ipHash), eb('email', '=', email)]))
        .where('created_at', '>', since)
        .executeTakeFirst();
      return row?.last ?? null;
    },

    async isDuplicate(storySlug: string, email: string, text: string) {
      const row = await db
        .selectFrom('comments')
        .select(sql`1`.as('one'))
        .where('story_slug', '=', storySlug)
        .where('email', '=', email)
        .where('text', '=', text)
        .where('status', '!=', 'trash')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async insert(comment: NewComment): Promise<PublicComment> {
      const row = await db
        .insertInto('comments')
        .values({
          story_slug: comment.storySlug,
          parent_id: comment.parentId,
          depth: comment.depth,
          name: comment.name,
          email: comment.email,
          website: comment.website,
          text: comment.text,
          status: comment.status,
          ip_hash: comment.ipHash,
          user_agent: comment.userAgent,
          created_at: comment.createdAt,
        })
        .returning(PUBLIC_COLUMNS)
        .executeTakeFirstOrThrow();
      return toPublic(row);
    },
  };
}

export type CommentDecision = ReturnType<typeof commentQueries> & {
  /** Holds other servers' decisions about this poster until this transaction ends (PostgreSQL; SQLite has one writer). */
  lockPoster(ipHash: string, email: string): Promise<void>;
};

/** `changes` hears whenever what readers see changes: an approved comment, a moderation decision. */
export function createCommentRepository(db: Db, engine: Engine, changes: Changes) {
  let salt: Promise<string> | undefined;
  const queries = commentQueries(db);

  return {
    async hashIp(ip: string) {
      salt ??= ipSalt(db).catch((error: unknown) => {
        salt = undefined; // the database may be back next time
        throw error;
      });
      return createHash('sha256').update(await salt).update(ip).digest('hex');
    },

    async approved(storySlug: string, afterId: number, limit: number) {
      const [rows, count] = await Promise.all([
        db
          .selectFrom('comments')
          .select(PUBLIC_COLUMNS)
          .where('story_slug', '=', storySlug)
          .where('status', '=', 'approved')
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(limit + 1)
          .execute(),
        db
          .selectFrom('comments')
          .select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'))
          .where('story_slug', '=', storySlug)
          .where('status', '=', 'approved')
          .executeTakeFirstOrThrow(),
      ]);
      const page = rows.slice(0, limit);
      return {
        comments: page.map(toPublic),
        nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
        total: count.n,
      };
    },

    ...queries,

    async insert(comment: NewComment) {
      const inserted = await queries.insert(comment);
      if (comment.status === 'approved') changes.publish([`comments:${comment.storySlug}`]);
      return inserted;
    },

    /**
     * Runs checks and write as one transaction, so two racing posts cannot both pass the flood or duplicate check.
     * What it publishes is announced once it has committed (an outcome with a comment names its `storySlug`).
     */
    async decide<T extends { comment?: PublicComment; status?: CommentStatus; storySlug?: string }>(
      work: (decision: CommentDecision) => Promise<T>,
    ): Promise<T> {
      const outcome = await db.transaction().execute((trx) =>
        work({
          ...commentQueries(trx),
          async lockPoster(ipHash, email) {
            if (engine !== 'postgres') return;
            // Sorted, so two transactions never wait on each other's second lock.
            for (const key of [ipHash, email].sort()) await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
          },
        }),
      );
      if (outcome.status === 'approved' && outcome.comment) changes.publish([`comments:${outcome.storySlug}`]);
      return outcome;
    },

    async setStatus(id: number, status: CommentStatus): Promise<PublicComment | undefined> {
      const row = await db
        .updateTable('comments')
        .set({ status })
        .where('id', '=', id)
        .returning([...PUBLIC_COLUMNS, 'story_slug'])
        .executeTakeFirst();
      if (!row) return undefined;
      changes.publish([`comments:${row.story_slug}`]);
      return toPublic(row);
    },

    async byStatus(status: CommentStatus, limit: number): Promise<ModerationComment[]> {
      const rows = await db
        .selectFrom('comments as c')
        .innerJoin('stories as s', 's.slug', 'c.story_slug')
        .select(['c.id', 'c.parent_id', 'c.name', 'c.website', 'c.text', 'c.created_at', 'c.status', 's.slug', 's.doc'])
        .where('c.status', '=', status)
        .orderBy('c.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        ...toPublic(row),
        status: row.status,
        story: { slug: row.slug, headline: (JSON.parse(row.doc) as { story: { headline: string } }).story.headline },
      }));
    },
  };
}

export type CommentRepository = ReturnType<typeof createCommentRepository>;
