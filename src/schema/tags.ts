import * as z from 'zod/mini';
import { NonEmptyText, Slug } from './primitives';
import { sectionSlug } from './sections';

/** At most this many tags on a story, each name at most TAG_NAME_MAX characters (WordPress's longer ones are cut). */
export const TAGS_MAX = 12;
export const TAG_NAME_MAX = 60;
export const TAG_SLUG_MAX = 60;

/**
 * A tag's address from its name, when the story gives none: the section rule (accents dropped, lower case, every
 * run of other characters one hyphen), cut to TAG_SLUG_MAX at a hyphen. "Café Culture" → "cafe-culture". A name
 * with no letter a–z or digit ("日本") makes no slug: such a tag needs an explicit one.
 */
export function tagSlug(name: string): string {
  const slug = sectionSlug(name);
  return slug.length <= TAG_SLUG_MAX
    ? slug
    : slug.slice(0, TAG_SLUG_MAX).replace(/-[^-]*$/, '') || slug.slice(0, TAG_SLUG_MAX);
}

/** A tag as stories carry it and the API sends it. */
export const Tag = z.object({ slug: Slug, name: z.string() });
export type Tag = z.infer<typeof Tag>;

/** In a story file: a name ("Flood defences"), or a name with the slug it should have. */
const TagInput = z.union([
  NonEmptyText(TAG_NAME_MAX),
  z.strictObject({
    name: NonEmptyText(TAG_NAME_MAX),
    slug: z.optional(Slug.check(z.maxLength(TAG_SLUG_MAX, `At most ${TAG_SLUG_MAX} characters`))),
  }),
]);

const asTag = (input: z.output<typeof TagInput>): Tag =>
  typeof input === 'string'
    ? { name: input, slug: tagSlug(input) }
    : { name: input.name, slug: input.slug ?? tagSlug(input.name) };

/** A story's tags: each gets its slug, and two tags with one slug (or a name that makes none) are refused. */
export const StoryTags = z.pipe(
  z.array(TagInput).check(
    z.maxLength(TAGS_MAX, `List at most ${TAGS_MAX} tags`),
    z.superRefine((inputs, ctx) => {
      const seen = new Map<string, number>();
      inputs.forEach((input, index) => {
        const { name, slug } = asTag(input);
        if (!name.trim()) return; // "Required" says it already
        if (!slug) {
          ctx.addIssue({
            code: 'custom',
            message: `"${name}" has no letter a–z or digit to make an address from: give it a "slug"`,
            path: [index],
            input,
          });
        } else if (seen.has(slug)) {
          ctx.addIssue({
            code: 'custom',
            message: `Tag ${seen.get(slug)! + 1} already has the slug "${slug}": list a tag once`,
            path: [index],
            input,
          });
        } else {
          seen.set(slug, index);
        }
      });
    }),
  ),
  z.transform((inputs) => inputs.map(asTag)),
);
