import { sql, type Kysely } from 'kysely';
import type { AuditEntry, ModerationDecision } from '../../src/schema';
import type { Db } from './open';
import { parseStoredStory } from './storedStory';
import type { Tables } from './tables';

/** A decision about several comments at once, as one moderator made it. */
export interface DecisionRecord {
  action: string;
  moderator: string;
  decidedAt: string;
}

/** Writes one audit row per comment; inside the caller's transaction, so a status and its record land together. */
export async function recordDecisions(db: Kysely<Tables>, commentIds: readonly number[], record: DecisionRecord) {
  if (commentIds.length === 0) return;
  await db
    .insertInto('moderation_decisions')
    .values(
      commentIds.map((id) => ({
        comment_id: id,
        action: record.action,
        moderator: record.moderator,
        decided_at: record.decidedAt,
      })),
    )
    .execute();
}

/** The latest decision about each of these comments (none for a comment nobody has decided about). */
export async function latestDecisions(
  db: Kysely<Tables>,
  commentIds: readonly number[],
): Promise<Map<number, ModerationDecision>> {
  const latest = new Map<number, ModerationDecision>();
  if (commentIds.length === 0) return latest;
  const rows = await db
    .selectFrom('moderation_decisions')
    .select(['comment_id', 'action', 'moderator', 'decided_at'])
    .where('comment_id', 'in', [...commentIds])
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    if (!latest.has(row.comment_id))
      latest.set(row.comment_id, { action: row.action, moderator: row.moderator, decidedAt: row.decided_at });
  }
  return latest;
}

const EMAIL_SLOT_KEY = 'moderation_email_sent_at';

/** Named moderators, the audit list of their decisions, and the one shared slot for the "comments wait" email. */
export function moderationStore(db: Db) {
  return {
    moderators: {
      /** False when the name is taken. */
      async add(name: string, tokenHash: string, createdAt: string): Promise<boolean> {
        const result = await db
          .insertInto('moderators')
          .values({ name, token_hash: tokenHash, created_at: createdAt })
          .onConflict((oc) => oc.column('name').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      },

      list: () => db.selectFrom('moderators').select(['name', 'created_at as createdAt']).orderBy('name').execute(),

      async remove(name: string): Promise<boolean> {
        const result = await db.deleteFrom('moderators').where('name', '=', name).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      },

      /** False when there is no such moderator. */
      async rotate(name: string, tokenHash: string): Promise<boolean> {
        const result = await db
          .updateTable('moderators')
          .set({ token_hash: tokenHash })
          .where('name', '=', name)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      },

      /** The moderator whose token has this hash, with the stored hash for a constant-time comparison. */
      byTokenHash: (tokenHash: string) =>
        db
          .selectFrom('moderators')
          .select(['name', 'token_hash as tokenHash'])
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst(),
    },

    /** Every decision, newest first: entries with id below `beforeId`. */
    async auditPage({ limit, beforeId }: { limit: number; beforeId?: number }) {
      let query = db
        .selectFrom('moderation_decisions as d')
        .leftJoin('comments as c', 'c.id', 'd.comment_id')
        .leftJoin('stories as s', 's.slug', 'c.story_slug')
        .select(['d.id', 'd.action', 'd.moderator', 'd.decided_at', 'd.comment_id', 'c.name', 's.slug', 's.doc']);
      if (beforeId !== undefined) query = query.where('d.id', '<', beforeId);
      const rows = await query
        .orderBy('d.id', 'desc')
        .limit(limit + 1)
        .execute();
      const shown = rows.slice(0, limit);
      const entries: AuditEntry[] = shown.map((row) => ({
        id: row.id,
        action: row.action,
        moderator: row.moderator,
        decidedAt: row.decided_at,
        comment: { id: row.comment_id, name: row.name ?? '(deleted)' },
        story:
          row.slug !== null && row.doc !== null
            ? { slug: row.slug, headline: parseStoredStory(row.doc).story.headline }
            : null,
      }));
      return { entries, nextCursor: rows.length > limit ? String(shown.at(-1)!.id) : null };
    },

    /**
     * Takes the right to send the next "comments wait" email when the last one went before `notAfter`: one row
     * shared by every server, claimed by a conditional write, so a cluster sends one email however many notice.
     */
    async claimEmailSlot(now: string, notAfter: string): Promise<boolean> {
      const inserted = await db
        .insertInto('settings')
        .values({ key: EMAIL_SLOT_KEY, value: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
      const updated = await db
        .updateTable('settings')
        .set({ value: now })
        .where('key', '=', EMAIL_SLOT_KEY)
        .where(sql<boolean>`value <= ${notAfter}`)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },

    /** When the last "comments wait" email went, if one ever did. */
    lastEmailAt: async () =>
      (await db.selectFrom('settings').select('value').where('key', '=', EMAIL_SLOT_KEY).executeTakeFirst())?.value,
  };
}

export type ModerationStore = ReturnType<typeof moderationStore>;
