import * as z from 'zod/mini';
import { Block, ImageFields } from './blocks';
import { LiveCoverage, LiveEntries } from './live';
import { IsoDateTime, NonEmptyText, Slug } from './primitives';
import { StoryTags } from './tags';
import { isAbsoluteUrl } from './url';

export const SocialNetwork = z.enum([
  'website',
  'mastodon',
  'bluesky',
  'linkedin',
  'github',
  'rss',
  'email',
  'x',
  'threads',
  'instagram',
  'facebook',
  'youtube',
  'tiktok',
]);
export type SocialNetwork = z.infer<typeof SocialNetwork>;

export const SocialLink = z.strictObject({
  network: SocialNetwork,
  url: z
    .string()
    .check(
      z.refine(
        (value) => (value.startsWith('mailto:') && !/[\s<>]/.test(value)) || isAbsoluteUrl(value),
        'Invalid URL: use an http(s)://host/… or mailto: address',
      ),
    ),
});
export type SocialLink = z.infer<typeof SocialLink>;

/** An author file: content/authors/<id>.json */
export const AuthorFile = z.strictObject({
  $schema: z.optional(z.string()),
  id: Slug,
  name: NonEmptyText(120),
  role: NonEmptyText(120),
  bio: NonEmptyText(1200),
  photo: z.optional(z.strictObject(ImageFields)),
  social: z._default(z.array(SocialLink).check(z.maxLength(8)), []),
});
export type AuthorFile = z.infer<typeof AuthorFile>;

export const LeadImage = z.strictObject({
  ...ImageFields,
  caption: z.optional(NonEmptyText(600)),
  credit: z.optional(NonEmptyText(200)),
});

/** A story file: content/stories/<slug>.json */
export const StoryFile = z.strictObject({
  $schema: z.optional(z.string()),
  slug: Slug,
  section: NonEmptyText(40),
  headline: NonEmptyText(200),
  /** Shown under the headline; absent, nothing is shown there and descriptions use the excerpt. */
  standfirst: z.optional(NonEmptyText(400)),
  leadIn: z.optional(NonEmptyText(40)),
  /** For lists and descriptions; absent, it is taken from the first paragraph (excerptOf in server/content/derived.ts). */
  excerpt: z.optional(NonEmptyText(400)),
  authorId: Slug,
  publishedAt: IsoDateTime,
  updatedAt: z.optional(IsoDateTime),
  image: z.optional(LeadImage),
  /** Up to 6 stories to show beside it; absent or empty, Byline picks 3 to 6 (server/content/related.ts). */
  related: z._default(z.array(Slug).check(z.maxLength(6, 'List at most 6 related stories')), []),
  body: z.array(Block).check(z.minLength(1, 'A story needs at least one block')),
  /** Topics, each listed at /tags/<slug>: names, or `{ name, slug }` (docs/tags.md). */
  tags: z._default(StoryTags, []),
  /** Present on a story covered live; its entries are in `entries` (or sent one by one through the API). */
  live: z.optional(LiveCoverage),
  entries: z.optional(LiveEntries),
});
export type StoryFile = z.infer<typeof StoryFile>;
