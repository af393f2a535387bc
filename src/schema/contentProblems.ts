import * as z from 'zod/mini';

/** One message about a content file or WordPress post that was refused, pointed at where its editor would look. */
export const ContentProblem = z.object({
  source: z.enum(['files', 'wordpress']),
  /** The file's path under the content folder, or the WordPress post's id. */
  item: z.string(),
  /** The JSON path of the field, when the message is about one ('' for the whole file). */
  path: z.string(),
  message: z.string(),
  line: z.nullable(z.int()),
  column: z.nullable(z.int()),
  /** "not published", "the last good version stays", or null when the source cannot tell. */
  outcome: z.nullable(z.string()),
  foundAt: z.string(),
});
export type ContentProblem = z.infer<typeof ContentProblem>;

/** GET /api/admin/content/problems: every refused file and post, file by file, in the order of their messages. */
export const ContentProblemList = z.object({ problems: z.array(ContentProblem) });
export type ContentProblemList = z.infer<typeof ContentProblemList>;
