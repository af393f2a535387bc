import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  CommentInput,
  MAX_COMMENT_REQUEST_BYTES,
  MAX_THREAD_DEPTH,
  Slug,
  commentFieldErrors,
  type CommentStatus,
  type PublicComment,
} from '../../src/schema';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { clientAddress } from '../http';
import { changeKey, surrogateKeyHeaders } from '../changes';
import { apiError } from '../http';
import { periodicCount } from '../periodicCount';
import { decodeCommentCursor } from '../store';
import type { CachedJson } from '../http';
import type { Store } from '../store';
import { countLinks } from './links';
import { DEFAULT_COMMENT_MAX_LINKS } from '../config';
import type { CommentRepository, EarlierPost } from './repository';

const PAGE_SIZE = 50;
const HONEYPOT_LOG_MS = 60_000;

/** A random id from the reader's browser, one a comment: letters, digits and a few separators. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
export const TOO_LARGE = 'Your comment is too long to send: please shorten it.';

export interface CommentRouteOptions {
  floodSeconds: number;
  trustProxy: boolean;
  /** More links than this and a comment waits for a moderator, whoever wrote it (COMMENT_MAX_LINKS). */
  maxLinks?: number;
  log: (message: string) => void;
}

export type PostOutcome =
  | { ok: true; comment: PublicComment; status: CommentStatus }
  | {
      ok: false;
      httpStatus: ContentfulStatusCode;
      code: string;
      message: string;
      fields?: Record<string, string>;
      headers?: Record<string, string>;
    };

const invalid = (fields: Record<string, string>): PostOutcome => ({
  ok: false,
  httpStatus: 422,
  code: 'invalid',
  message: 'Some fields need attention.',
  fields,
});

/**
 * The one decision on a posted comment, whichever way it came (the JSON API, or the page's own form without
 * JavaScript): validation, the story, the honeypot, thread depth, flood control, duplicates and moderation.
 */
export function createCommentPoster(
  stories: Store['stories'],
  comments: CommentRepository,
  options: CommentRouteOptions,
) {
  const honeypotCatches = periodicCount(options.log, HONEYPOT_LOG_MS, {
    first: (detail) => `comments: honeypot caught a post ${detail}; more in the next minute are logged as one count`,
    more: (count, seconds) => `comments: honeypot caught ${count} more post(s) in ${seconds} s`,
  });
  return async function postComment(c: Context, slug: string, body: unknown): Promise<PostOutcome> {
    const parsed = CommentInput.safeParse(body);
    if (!parsed.success) return invalid(commentFieldErrors(body));
    const input = parsed.data;
    if (!Slug.safeParse(slug).success || !(await stories.exists(slug))) {
      return { ok: false, httpStatus: 404, code: 'not_found', message: `No story is published at "${slug}"` };
    }

    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      return {
        ok: false,
        httpStatus: 400,
        code: 'bad_request',
        message: 'The Idempotency-Key header must be 8 to 128 letters, digits, hyphens, underscores, dots or colons.',
      };
    }
    const email = input.email.toLowerCase();
    // A retry of a post the server already has (its answer was lost on the way): the same 201 again, never a
    // 409 "duplicate" or a 429 for the reader's own comment. The same key with another comment is refused.
    const answerAgain = (earlier: EarlierPost): PostOutcome =>
      earlier.storySlug === slug && earlier.email === email && earlier.text === input.text
        ? { ok: true, comment: earlier.comment, status: earlier.status }
        : {
            ok: false,
            httpStatus: 422,
            code: 'idempotency_key_reused',
            message:
              'This Idempotency-Key was already used for a different comment; send a new key with each new comment.',
          };
    if (idempotencyKey) {
      const earlier = await comments.byIdempotencyKey(idempotencyKey);
      if (earlier) return answerAgain(earlier);
    }

    const ipHash = await comments.hashIp(clientAddress(c, options.trustProxy));
    const now = new Date();
    const base = {
      storySlug: slug,
      name: input.name,
      email,
      website: input.website || null,
      text: input.text,
      ipHash,
      userAgent: (c.req.header('user-agent') ?? '').slice(0, 255),
      createdAt: now.toISOString(),
      idempotencyKey: idempotencyKey ?? null,
    };

    // A bot filled the field people cannot see: it gets an ordinary answer, and the comment goes straight to spam.
    // It passes flood control and the duplicate check like anyone, so a flood of them stores one row, not thousands.
    const honeypot = Boolean(input.homepage);
    const outcome = await comments
      .decide(async (decision) => {
        await decision.lockPoster(ipHash, base.email);
        if (idempotencyKey) {
          // Again under the poster's lock: two copies of one post racing each other store one comment.
          const earlier = await decision.byIdempotencyKey(idempotencyKey);
          if (earlier) return { error: 'again' as const, earlier };
        }
        let depth = 1;
        if (input.parentId && !honeypot) {
          const parent = await decision.parent(input.parentId, slug);
          if (!parent) return { error: 'parent' as const };
          if (parent.depth >= MAX_THREAD_DEPTH) return { error: 'depth' as const };
          depth = parent.depth + 1;
        }
        if (options.floodSeconds > 0) {
          const since = new Date(now.getTime() - options.floodSeconds * 1000).toISOString();
          const last = await decision.lastPostSince(ipHash, base.email, since);
          if (last) {
            const wait = Math.max(1, Math.ceil(options.floodSeconds - (now.getTime() - Date.parse(last)) / 1000));
            return { error: 'flood' as const, wait };
          }
        }
        if (await decision.isDuplicate(slug, base.email, base.text)) return { error: 'duplicate' as const };
        if (honeypot) {
          // Spam, told "pending" like any new poster; the same body again is a duplicate and is not stored twice.
          const comment = await decision.insert({
            ...base,
            parentId: null,
            depth: 1,
            status: 'spam',
            answeredStatus: 'pending',
          });
          return { comment, status: 'pending' as const, storySlug: slug };
        }
        const trusted =
          (await decision.hasApprovedComment(base.email)) &&
          countLinks(base.text) <= (options.maxLinks ?? DEFAULT_COMMENT_MAX_LINKS);
        const status: CommentStatus = trusted ? 'approved' : 'pending';
        const comment = await decision.insert({ ...base, parentId: input.parentId ?? null, depth, status });
        return { comment, status, storySlug: slug };
      })
      .catch(async (error: unknown) => {
        // The unique key caught a copy that raced past the check (another email's lock): answer as for a retry.
        const earlier = idempotencyKey ? await comments.byIdempotencyKey(idempotencyKey) : undefined;
        if (!earlier) throw error;
        return { error: 'again' as const, earlier };
      });

    if (outcome.error === undefined) {
      if (honeypot) honeypotCatches.add(`on ${slug} (held as spam #${outcome.comment.id})`);
      return { ok: true, comment: outcome.comment, status: outcome.status };
    }
    switch (outcome.error) {
      case 'again':
        return answerAgain(outcome.earlier);
      case 'parent':
        return invalid({ parentId: 'The comment you are replying to is not available on this story.' });
      case 'depth':
        return invalid({ parentId: `Replies can nest at most ${MAX_THREAD_DEPTH} levels deep.` });
      case 'flood':
        return {
          ok: false,
          httpStatus: 429,
          code: 'too_many_requests',
          message: `You are posting comments too quickly. Please wait ${outcome.wait} seconds.`,
          headers: { 'Retry-After': String(outcome.wait) },
        };
      case 'duplicate':
        return {
          ok: false,
          httpStatus: 409,
          code: 'duplicate',
          message: "Duplicate comment detected; it looks as though you've already said that!",
        };
    }
  };
}

export type CommentPoster = ReturnType<typeof createCommentPoster>;

/** The body limit for comment posts, JSON or form: past it, the request is refused unread. */
export const commentBodyLimit = (refuse: (c: Context) => Response | Promise<Response>) =>
  bodyLimit({ maxSize: MAX_COMMENT_REQUEST_BYTES, onError: refuse });

/** `postComment` is the one poster the page forms share, so both count toward one log of honeypot catches. */
export function commentRoutes(
  stories: Store['stories'],
  comments: CommentRepository,
  cachedJson: CachedJson,
  postComment: CommentPoster,
) {
  const api = new Hono();

  api.get('/stories/:slug/comments', async (c) => {
    const slug = c.req.param('slug');
    // The thread shows the story's comments, and is found or not by the story's publication.
    const shownBy = [changeKey.comments(slug), changeKey.story(slug)];
    let afterId: number;
    try {
      afterId = decodeCommentCursor(c.req.query('cursor') ?? '');
    } catch (error) {
      return apiError(c, 400, 'bad_request', (error as Error).message);
    }
    // Readers must see new comments at once: caches revalidate every time (cheap, with the ETag).
    // The story's existence is checked only when the answer is built, not on every cached read.
    const answer =
      Slug.safeParse(slug).success &&
      (await cachedJson(c, {
        cacheControl: 'no-cache',
        produce: async () => ((await stories.exists(slug)) ? comments.approved(slug, afterId, PAGE_SIZE) : undefined),
        keys: () => shownBy,
        query: { cursor: afterId || undefined },
      }));
    return (
      answer ||
      apiError(c, 404, 'not_found', `No story is published at "${slug}"`, { headers: surrogateKeyHeaders(shownBy) })
    );
  });

  api.post(
    '/stories/:slug/comments',
    commentBodyLimit((c) =>
      apiError(c, 413, 'too_large', `A comment request can be at most ${MAX_COMMENT_REQUEST_BYTES / 1024} KiB.`, {
        fields: { text: TOO_LARGE },
      }),
    ),
    async (c) => {
      if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
        return apiError(c, 415, 'unsupported_media_type', 'Send the comment as JSON (Content-Type: application/json).');
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return apiError(c, 400, 'bad_request', 'The request body is not valid JSON.');
      }
      const outcome = await postComment(c, c.req.param('slug'), body);
      if (outcome.ok) return c.json({ comment: outcome.comment, status: outcome.status }, 201);
      return apiError(c, outcome.httpStatus, outcome.code, outcome.message, outcome);
    },
  );

  return api;
}
