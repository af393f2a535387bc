import { sql, type Kysely } from 'kysely';
import type { CommentStatus, ModerationComment, ModerationCounts, PublicComment } from '../../src/schema';
import { latestDecisions, recordDecisions, type DecisionRecord } from './moderation';
import type { Db } from './open';
import { parseStoredStory } from './storedStory';
import type { Engine, Tables } from './tables';

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

const PARENT_EXCERPT = 280;
/** A parent comment shown for context: its start is enough, and keeps a page of the queue small. */
const shorten = (text: string) => (text.length > PARENT_EXCERPT ? `${text.slice(0, PARENT_EXCERPT - 1)}…` : text);

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
  /** The reader's Idempotency-Key, when the post carried one. */
  idempotencyKey?: string | null;
  /** The status the 201 tells the poster, when it is not `status` (a honeypot catch is told "pending"). */
  answeredStatus?: CommentStatus;
}

/** An earlier post with the same Idempotency-Key: what it said, and what it was answered. */
export interface EarlierPost {
  comment: PublicComment;
  status: CommentStatus;
  storySlug: string;
  email: string;
  text: string;
}

/** What narrows a moderation queue: one story, and words found in the text, name or email. */
export interface QueueFilter {
  story?: string;
  search?: string;
}

/** The search taken literally: `%` and `_` (and the escape itself) match only themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

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

    async byIdempotencyKey(key: string): Promise<EarlierPost | undefined> {
      const row = await db
        .selectFrom('comments')
        .select([...PUBLIC_COLUMNS, 'story_slug', 'email', 'status', 'answered_status'])
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        comment: toPublic(row),
        status: row.answered_status ?? row.status,
        storySlug: row.story_slug,
        email: row.email,
        text: row.text,
      };
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
          idempotency_key: comment.idempotencyKey ?? null,
          answered_status: comment.answeredStatus ?? comment.status,
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

/** Comments as stored: what readers see (public columns only), the posting checks, and moderation. */
export function commentStore(db: Db, engine: Engine) {
  return {
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

    ...commentQueries(db),

    /** Runs checks and write as one transaction, so two racing posts cannot both pass the flood or duplicate check. */
    decide<T>(work: (decision: CommentDecision) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) =>
        work({
          ...commentQueries(trx),
          async lockPoster(ipHash, email) {
            if (engine !== 'postgres') return;
            // Sorted, so two transactions never wait on each other's second lock.
            for (const key of [ipHash, email].sort())
              await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
          },
        }),
      );
    },

    /** With `record`, who decided it is written in the same transaction as the status. */
    async setStatus(id: number, status: CommentStatus, record?: DecisionRecord) {
      const row = await db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('comments')
          .set({ status })
          .where('id', '=', id)
          .returning([...PUBLIC_COLUMNS, 'story_slug'])
          .executeTakeFirst();
        if (changed && record) await recordDecisions(trx, [changed.id], record);
        return changed;
      });
      return row ? { comment: toPublic(row), storySlug: row.story_slug } : undefined;
    },

    /** Sets one status on several comments: the ids changed, and the stories they are on. */
    async setStatusMany(
      ids: readonly number[],
      status: CommentStatus,
      record?: DecisionRecord,
    ): Promise<{ ids: number[]; storySlugs: string[] }> {
      if (ids.length === 0) return { ids: [], storySlugs: [] };
      const rows = await db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('comments')
          .set({ status })
          .where('id', 'in', [...ids])
          .returning(['id', 'story_slug'])
          .execute();
        if (record)
          await recordDecisions(
            trx,
            changed.map((row) => row.id),
            record,
          );
        return changed;
      });
      return {
        ids: rows.map((row) => row.id).sort((a, b) => a - b),
        storySlugs: [...new Set(rows.map((row) => row.story_slug))],
      };
    },

    /**
     * One page of a moderation queue, newest first: comments with id below `beforeId`, on one story when `story`
     * is given, and whose text, name or email holds `search` (any case, taken literally) when it is given.
     */
    async moderationPage(
      status: CommentStatus,
      { limit, beforeId, story, search }: { limit: number; beforeId?: number } & QueueFilter,
    ): Promise<{ comments: ModerationComment[]; nextCursor: string | null }> {
      let query = db
        .selectFrom('comments as c')
        .innerJoin('stories as s', 's.slug', 'c.story_slug')
        .leftJoin('comments as p', 'p.id', 'c.parent_id')
        .select([
          'c.id',
          'c.parent_id',
          'c.name',
          'c.website',
          'c.text',
          'c.created_at',
          'c.status',
          'c.email',
          'c.user_agent',
          'c.ip_hash',
          's.slug',
          's.doc',
          'p.name as parent_name',
          'p.text as parent_text',
        ])
        .where('c.status', '=', status);
      if (beforeId !== undefined) query = query.where('c.id', '<', beforeId);
      if (story) query = query.where('c.story_slug', '=', story);
      if (search) {
        const pattern = `%${escapeLike(search.toLowerCase())}%`;
        // lower() on both sides: PostgreSQL's LIKE minds case, SQLite's does not; backslash is the escape on both.
        query = query.where((eb) =>
          eb.or(
            (['c.text', 'c.name', 'c.email'] as const).map(
              (column) => sql<boolean>`lower(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`,
            ),
          ),
        );
      }
      const rows = await query
        .orderBy('c.id', 'desc')
        .limit(limit + 1)
        .execute();
      const shown = rows.slice(0, limit);
      const decisions = await latestDecisions(
        db,
        shown.map((row) => row.id),
      );
      return {
        comments: shown.map((row) => ({
          ...toPublic(row),
          status: row.status,
          email: row.email,
          userAgent: row.user_agent,
          ipHash: row.ip_hash,
          story: { slug: row.slug, headline: parseStoredStory(row.doc).story.headline },
          parent:
            row.parent_id !== null && row.parent_name !== null
              ? { id: row.parent_id, name: row.parent_name, text: shorten(row.parent_text ?? '') }
              : null,
          decision: decisions.get(row.id) ?? null,
        })),
        nextCursor: rows.length > limit ? String(shown.at(-1)!.id) : null,
      };
    },

    /** How many comments each queue holds. */
    async counts(): Promise<ModerationCounts> {
      const rows = await db
        .selectFrom('comments')
        .select(['status', sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n')])
        .groupBy('status')
        .execute();
      const counts: ModerationCounts = { pending: 0, approved: 0, spam: 0, trash: 0 };
      for (const row of rows) counts[row.status] = row.n;
      return counts;
    },
  };
}

export type CommentStore = ReturnType<typeof commentStore>;
