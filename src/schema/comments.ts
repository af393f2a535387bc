import * as z from 'zod/mini';

import { COMMENT_LIMITS } from './limits';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const trimmed = z.pipe(
  z.string({ error: 'This field must be text' }),
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
        z.maxLength(COMMENT_LIMITS.text, `Your comment can be at most ${COMMENT_LIMITS.text.toLocaleString('en')} characters.`),
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
      z
        .string()
        .check(
          z.maxLength(COMMENT_LIMITS.website, `Your website address can be at most ${COMMENT_LIMITS.website} characters.`),
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

export const ModerationComment = z.object({
  ...PublicComment.shape,
  status: CommentStatus,
  story: z.object({ slug: z.string(), headline: z.string() }),
});
export type ModerationComment = z.infer<typeof ModerationComment>;

export const ModerationList = z.object({ comments: z.array(ModerationComment) });
