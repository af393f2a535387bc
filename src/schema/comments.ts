import * as z from 'zod/mini';

import { COMMENT_LIMITS, thousands } from './limits';
import { isStorable, UNSTORABLE_MESSAGE } from './primitives';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const trimmed = z.pipe(
  z.string({ error: 'This field must be text' }).check(z.refine(isStorable, UNSTORABLE_MESSAGE)),
  z.transform((value: string) => value.trim()),
);

/** The reader's comment, validated the same way in the form and on the server. */
export const CommentInput = z.object({
  text: z.pipe(
    trimmed,
    z
      .string()
      .check(
        z.minLength(1, 'Please type your comment.'),
        z.maxLength(COMMENT_LIMITS.text, `Your comment can be at most ${thousands(COMMENT_LIMITS.text)} characters.`),
      ),
  ),
  name: z.pipe(
    trimmed,
    z
      .string()
      .check(
        z.minLength(1, 'Please enter your name.'),
        z.maxLength(COMMENT_LIMITS.name, `Your name can be at most ${COMMENT_LIMITS.name} characters.`),
      ),
  ),
  email: z.pipe(
    trimmed,
    z
      .string()
      .check(
        z.minLength(1, 'Please enter your email address.'),
        z.maxLength(COMMENT_LIMITS.email, `Your email address can be at most ${COMMENT_LIMITS.email} characters.`),
        z.regex(EMAIL, 'Please enter a valid email address, like name@example.com.'),
      ),
  ),
  website: z._default(
    z.pipe(
      trimmed,
      z.string().check(
        z.maxLength(
          COMMENT_LIMITS.website,
          `Your website address can be at most ${COMMENT_LIMITS.website} characters.`,
        ),
        z.refine(
          (value) => value === '' || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value),
          'Please enter a web address starting with http:// or https://, or leave it empty.',
        ),
      ),
    ),
    '',
  ),
  parentId: z.optional(z.nullable(z.int().check(z.positive()))),
  /** Hidden from people; only bots fill it in. */
  homepage: z.optional(z.string()),
});
export type CommentInput = z.input<typeof CommentInput>;
export type CommentFields = 'text' | 'name' | 'email' | 'website' | 'parentId';

/** First message per field, in the order the form shows them. */
export function commentFieldErrors(input: unknown): Partial<Record<CommentFields, string>> {
  const result = CommentInput.safeParse(input);
  if (result.success) return {};
  const errors: Partial<Record<CommentFields, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as CommentFields | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** A comment as anyone may see it: never an email address, never an IP address. */
export const PublicComment = z.object({
  id: z.number(),
  parentId: z.nullable(z.number()),
  name: z.string(),
  website: z.nullable(z.string()),
  text: z.string(),
  createdAt: z.string(),
});
export type PublicComment = z.infer<typeof PublicComment>;

export const CommentStatus = z.enum(['pending', 'approved', 'spam', 'trash']);
export type CommentStatus = z.infer<typeof CommentStatus>;

export const CommentPage = z.object({
  comments: z.array(PublicComment),
  nextCursor: z.nullable(z.string()),
  total: z.number(),
});
export type CommentPage = z.infer<typeof CommentPage>;

export const PostedComment = z.object({ comment: PublicComment, status: CommentStatus });
export type PostedComment = z.infer<typeof PostedComment>;

/** Who decided what about a comment, and when: the operator is "admin", named moderators by their name. */
export const ModerationDecision = z.object({
  action: z.string(),
  moderator: z.string(),
  decidedAt: z.string(),
});
export type ModerationDecision = z.infer<typeof ModerationDecision>;

/** A comment as moderators see it (behind the admin token only): who sent it, from where, and in reply to what. */
export const ModerationComment = z.object({
  ...PublicComment.shape,
  status: CommentStatus,
  email: z.string(),
  userAgent: z.string(),
  /** The salted hash of the sender's IP: equal hashes mean the same address, and the address stays unknown. */
  ipHash: z.string(),
  story: z.object({ slug: z.string(), headline: z.string() }),
  /** The comment this one replies to, its text shortened. */
  parent: z.nullable(z.object({ id: z.number(), name: z.string(), text: z.string() })),
  /** The latest decision about it, if anyone has made one. */
  decision: z.optional(z.nullable(ModerationDecision)),
  /** How many web addresses its text holds (past COMMENT_MAX_LINKS it waits for a moderator). */
  links: z.optional(z.number()),
});
export type ModerationComment = z.infer<typeof ModerationComment>;

export const ModerationCounts = z.object({
  pending: z.number(),
  approved: z.number(),
  spam: z.number(),
  trash: z.number(),
});
export type ModerationCounts = z.infer<typeof ModerationCounts>;

/** One page of a moderation queue, newest first, with the size of every queue. */
export const ModerationList = z.object({
  comments: z.array(ModerationComment),
  nextCursor: z.nullable(z.string()),
  counts: ModerationCounts,
});
export type ModerationList = z.infer<typeof ModerationList>;

export const ModerationAction = z.enum(['approve', 'spam', 'trash']);
export type ModerationAction = z.infer<typeof ModerationAction>;

export const MAX_BULK_MODERATION = 200;

/** Several comments moderated at once. */
export const BulkModeration = z.object({
  ids: z
    .array(z.int({ error: 'Each id must be a whole number' }).check(z.positive('Each id must be positive')))
    .check(
      z.minLength(1, 'Select at least one comment.'),
      z.maxLength(MAX_BULK_MODERATION, `At most ${MAX_BULK_MODERATION} comments at a time.`),
    ),
  action: ModerationAction,
});
export type BulkModeration = z.infer<typeof BulkModeration>;

export const BulkModerationResult = z.object({
  status: CommentStatus,
  updated: z.array(z.number()),
  notFound: z.array(z.number()),
});
export type BulkModerationResult = z.infer<typeof BulkModerationResult>;

/** One line of the audit list: a decision, the comment it was about and that comment's story. */
export const AuditEntry = z.object({
  id: z.number(),
  ...ModerationDecision.shape,
  comment: z.object({ id: z.number(), name: z.string() }),
  story: z.nullable(z.object({ slug: z.string(), headline: z.string() })),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A page of the audit list, newest decision first. */
export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextCursor: z.nullable(z.string()),
});
export type AuditPage = z.infer<typeof AuditPage>;
