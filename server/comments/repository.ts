import { createHash, randomBytes } from 'node:crypto';
import type { CommentStatus, ModerationComment, PublicComment } from '../../src/schema';
import type { Db } from '../db';
import type { DataVersion } from '../responseCache';

interface CommentRow {
  id: number;
  parent_id: number | null;
  name: string;
  website: string | null;
  text: string;
  created_at: string;
}

const PUBLIC_COLUMNS = 'id, parent_id, name, website, text, created_at';

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
function ipSalt(db: Db): string {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'ip_salt'").get() as { value: string } | undefined;
  if (row) return row.value;
  const salt = randomBytes(32).toString('hex');
  db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('ip_salt', ?)").run(salt);
  return (db.prepare("SELECT value FROM settings WHERE key = 'ip_salt'").get() as { value: string }).value;
}

/** `version` moves whenever what readers see changes: an approved comment, a moderation decision. */
export function createCommentRepository(db: Db, version: DataVersion) {
  const salt = ipSalt(db);
  const statements = {
    approvedPage: db.prepare(
      `SELECT ${PUBLIC_COLUMNS} FROM comments WHERE story_slug = ? AND status = 'approved' AND id > ? ORDER BY id LIMIT ?`,
    ),
    approvedCount: db.prepare(`SELECT COUNT(*) AS n FROM comments WHERE story_slug = ? AND status = 'approved'`),
    parent: db.prepare(`SELECT id, depth FROM comments WHERE id = ? AND story_slug = ? AND status = 'approved'`),
    hasApproved: db.prepare(`SELECT 1 FROM comments WHERE email = ? AND status = 'approved' LIMIT 1`),
    lastByIpOrEmail: db.prepare(
      `SELECT MAX(created_at) AS last FROM comments WHERE (ip_hash = ? OR email = ?) AND created_at > ?`,
    ),
    duplicate: db.prepare(
      `SELECT 1 FROM comments WHERE story_slug = ? AND email = ? AND text = ? AND status != 'trash' LIMIT 1`,
    ),
    insert: db.prepare(
      `INSERT INTO comments (story_slug, parent_id, depth, name, email, website, text, status, ip_hash, user_agent, created_at)
       VALUES (@storySlug, @parentId, @depth, @name, @email, @website, @text, @status, @ipHash, @userAgent, @createdAt)`,
    ),
    byId: db.prepare(`SELECT ${PUBLIC_COLUMNS} FROM comments WHERE id = ?`),
    setStatus: db.prepare(`UPDATE comments SET status = ? WHERE id = ?`),
    byStatus: db.prepare(
      `SELECT c.id, c.parent_id, c.name, c.website, c.text, c.created_at, c.status, s.slug, s.doc
       FROM comments c JOIN stories s ON s.slug = c.story_slug
       WHERE c.status = ? ORDER BY c.id DESC LIMIT ?`,
    ),
  };

  return {
    hashIp: (ip: string) => createHash('sha256').update(salt).update(ip).digest('hex'),

    approved(storySlug: string, afterId: number, limit: number) {
      const rows = statements.approvedPage.all(storySlug, afterId, limit + 1) as CommentRow[];
      const page = rows.slice(0, limit);
      const total = (statements.approvedCount.get(storySlug) as { n: number }).n;
      return {
        comments: page.map(toPublic),
        nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
        total,
      };
    },

    /** The approved comment of this story a reply would hang under, with its depth. */
    parent: (id: number, storySlug: string) =>
      statements.parent.get(id, storySlug) as { id: number; depth: number } | undefined,

    hasApprovedComment: (email: string) => statements.hasApproved.get(email) !== undefined,

    /** When this IP or email last posted, if within the window that starts at `since`. */
    lastPostSince: (ipHash: string, email: string, since: string) =>
      (statements.lastByIpOrEmail.get(ipHash, email, since) as { last: string | null }).last,

    isDuplicate: (storySlug: string, email: string, text: string) =>
      statements.duplicate.get(storySlug, email, text) !== undefined,

    insert(comment: NewComment): PublicComment {
      const row = statements.byId.get(statements.insert.run(comment).lastInsertRowid) as CommentRow;
      if (comment.status === 'approved') version.bump();
      return toPublic(row);
    },

    /** Runs checks and write as one transaction: two racing posts cannot both pass the flood check. */
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),

    setStatus(id: number, status: CommentStatus): PublicComment | undefined {
      if (statements.setStatus.run(status, id).changes === 0) return undefined;
      version.bump();
      return toPublic(statements.byId.get(id) as CommentRow);
    },

    byStatus(status: CommentStatus, limit: number): ModerationComment[] {
      const rows = statements.byStatus.all(status, limit) as (CommentRow & { status: CommentStatus; slug: string; doc: string })[];
      return rows.map((row) => ({
        ...toPublic(row),
        status: row.status,
        story: { slug: row.slug, headline: (JSON.parse(row.doc) as { story: { headline: string } }).story.headline },
      }));
    },
  };
}

export type CommentRepository = ReturnType<typeof createCommentRepository>;
