import * as z from 'zod/mini';
import { Block } from './blocks';
import { AuthorFile, LeadImage, SocialLink, StoryFile } from './content';
import { Slug } from './primitives';
import { Tag } from './tags';

/** An author as the API sends it: each social link with its "@handle" where the network has one. */
export const Author = z.extend(z.omit(AuthorFile, { $schema: true }), {
  social: z.array(z.extend(SocialLink, { handle: z.optional(z.string()) })),
});
export type Author = z.infer<typeof Author>;

export const AuthorRef = z.pick(AuthorFile, { id: true, name: true });

export const StorySummary = z.object({
  slug: Slug,
  section: z.string(),
  headline: z.string(),
  leadIn: z.optional(z.string()),
  excerpt: z.string(),
  publishedAt: z.string(),
  image: z.optional(LeadImage),
  author: AuthorRef,
  readingMinutes: z.number(),
  commentCount: z.number(),
});
export type StorySummary = z.infer<typeof StorySummary>;

/**
 * Blocks as the client receives them. A block this client does not know (a newer server, a hand-edited
 * database) is dropped instead of failing the whole story; onUnknown lets development builds log it.
 */
export function resilientBody(onUnknown: (raw: unknown) => void = () => {}) {
  return z.pipe(
    z.array(z.unknown()),
    z.transform((raw: unknown[]) =>
      raw.flatMap((candidate) => {
        const parsed = Block.safeParse(candidate);
        if (parsed.success) return [parsed.data];
        onUnknown(candidate);
        return [];
      }),
    ),
  );
}

const storyShape = {
  ...z.omit(StoryFile, { $schema: true, authorId: true, related: true, body: true, entries: true }).shape,
  /** Always there: the server derives it from the first paragraph when the file has none. */
  excerpt: z.string(),
  author: Author,
  related: z.array(StorySummary),
  /**
   * Present when the story names no related stories and Byline picked them: from its section only, or filled
   * with the site's newest (that rail then changes whenever any story is published).
   */
  relatedPicked: z.optional(z.enum(['section', 'site'])),
  /** Its tags as stored (slugs derived), none for a story written before tags existed. */
  tags: z._default(z.array(Tag), []),
  readingMinutes: z.number(),
  commentCount: z.number(),
};

/** The full story as the API sends it. */
export const Story = z.object({ ...storyShape, body: z.array(Block) });
export type Story = z.infer<typeof Story>;

/** The same story as a client parses it: unknown blocks are skipped, never fatal. */
export const storyResponse = (onUnknown?: (raw: unknown) => void) =>
  z.object({ ...storyShape, body: resilientBody(onUnknown) });

export const StoryPage = z.object({
  stories: z.array(StorySummary),
  nextCursor: z.nullable(z.string()),
});
export type StoryPage = z.infer<typeof StoryPage>;

/** An author and one page of their stories, newest first, like the front page. */
export const AuthorPage = z.object({
  author: Author,
  stories: z.array(StorySummary),
  nextCursor: z.nullable(z.string()),
});

export const Section = z.object({ slug: Slug, name: z.string(), storyCount: z.number() });
export type Section = z.infer<typeof Section>;

export const SectionList = z.object({ sections: z.array(Section) });
/** The header's sections: names only, so the answer changes only when a section appears or empties. */
export const SectionNames = z.object({ sections: z.array(z.object({ slug: Slug, name: z.string() })) });
export type SectionNames = z.infer<typeof SectionNames>;
export type SectionList = z.infer<typeof SectionList>;

export const SectionPage = z.object({
  section: Section,
  stories: z.array(StorySummary),
  nextCursor: z.nullable(z.string()),
});
export type SectionPage = z.infer<typeof SectionPage>;
export type AuthorPage = z.infer<typeof AuthorPage>;

/** A tag, how many published stories carry it, and one page of them, newest first. */
export const TagPage = z.object({
  tag: z.extend(Tag, { storyCount: z.number() }),
  stories: z.array(StorySummary),
  nextCursor: z.nullable(z.string()),
});
export type TagPage = z.infer<typeof TagPage>;

export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
