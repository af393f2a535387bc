import * as z from 'zod/mini';
import { formatPath } from '../../content';

/**
 * The parts of WordPress REST API responses (wp/v2, view or edit context) that Byline reads. Objects are not
 * strict: real sites add plugin fields (yoast_meta, acf, …) and those must not make a post fail.
 */

const Rendered = z.object({ rendered: z.string() });

/** WordPress writes GMT dates without a zone ("2026-11-21T09:00:00"). */
const WpDate = z.string().check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, 'Invalid WordPress date'));

const Id = z.int().check(z.positive());

const Excerpt = z.object({ rendered: z.string(), raw: z.optional(z.string()) });

export const WpTerm = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  taxonomy: z.optional(z.string()),
});
export type WpTerm = z.infer<typeof WpTerm>;

export const WpUser = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  url: z._default(z.string(), ''),
  description: z._default(z.string(), ''),
  avatar_urls: z.optional(z.record(z.string(), z.string())),
});
export type WpUser = z.infer<typeof WpUser>;

const Dimensions = { width: z.optional(z.number()), height: z.optional(z.number()) };
/** The file's own size and those of the smaller copies WordPress made (thumbnail, large, …), each with its address. */
const Size = z.object({
  ...Dimensions,
  sizes: z.optional(z.catch(z.record(z.string(), z.object({ ...Dimensions, source_url: z.optional(z.string()) })), {})),
});

export const WpMedia = z.object({
  id: Id,
  source_url: z.string(),
  alt_text: z._default(z.string(), ''),
  media_type: z.optional(z.string()),
  caption: z.optional(Rendered),
  // Files without dimensions (a PDF, a broken upload) have an empty object here, or on old sites an array.
  media_details: z.optional(z.catch(Size, {})),
});
export type WpMedia = z.infer<typeof WpMedia>;

export const WpPost = z.object({
  id: Id,
  slug: z.string(),
  status: z.optional(z.string()),
  link: z.optional(z.string()),
  /** null for a draft that was never scheduled. */
  date_gmt: z.nullable(WpDate),
  modified_gmt: WpDate,
  title: Rendered,
  content: z.object({ rendered: z.string(), protected: z.optional(z.boolean()) }),
  /** raw is there in the edit context (previews): an empty raw excerpt means none was written. */
  excerpt: z.optional(Excerpt),
  author: z.int(),
  featured_media: z._default(z.int(), 0),
  categories: z._default(z.array(Id), []),
  tags: z._default(z.array(Id), []),
  // Embedded records are checked one by one where they are used, so a missing author does not lose the post.
  _embedded: z.optional(
    z.object({
      author: z.optional(z.array(z.unknown())),
      'wp:featuredmedia': z.optional(z.array(z.unknown())),
      'wp:term': z.optional(z.array(z.array(z.unknown()))),
    }),
  ),
});
export type WpPost = z.infer<typeof WpPost>;

/** One entry of the full pass over published posts (_fields=id,slug,date_gmt,modified_gmt,categories,tags). */
export const WpPostIndexEntry = z.object({
  id: Id,
  slug: z.string(),
  date_gmt: z.nullable(WpDate),
  modified_gmt: WpDate,
  categories: z._default(z.array(Id), []),
  tags: z._default(z.array(Id), []),
});
export type WpPostIndexEntry = z.infer<typeof WpPostIndexEntry>;

export const WpComment = z.object({
  id: Id,
  post: Id,
  parent: z._default(z.int(), 0),
  author_name: z._default(z.string(), ''),
  author_url: z._default(z.string(), ''),
  date_gmt: WpDate,
  content: Rendered,
  /** Only approved comments are public; the field is missing from some embedded replies. */
  status: z.optional(z.string()),
});
export type WpComment = z.infer<typeof WpComment>;

/** A revision or autosave of a post (edit context): what an editor sees in a preview. */
export const WpRevision = z.object({
  id: Id,
  parent: Id,
  modified_gmt: WpDate,
  title: Rendered,
  content: Rendered,
  excerpt: z.optional(Excerpt),
});
export type WpRevision = z.infer<typeof WpRevision>;

export type Checked<T> = { ok: true; value: T } | { ok: false; id: number | undefined; reason: string };

/**
 * Validates one record where it enters. A failure says which record (its id, when it has one) and where the
 * fault is, as a JSON path: "post 12: title.rendered: Invalid input".
 */
export function check<T>(schema: z.ZodMiniType<T>, raw: unknown): Checked<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number'
      ? (raw as { id: number }).id
      : undefined;
  const reason = result.error.issues
    .slice(0, 3)
    .map((issue) => `${formatPath(issue.path) || '(record)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, id, reason };
}
