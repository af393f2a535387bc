import * as z from 'zod/mini';
import { InlineContent } from './inline';
import { ImageVariants } from './imageVariants';
import { Dimension, NonEmptyText, SafeUrl } from './primitives';

/**
 * Any image in content. Width and height are optional: given both, the page reserves exactly that shape; without
 * them the image sits in a fixed-ratio box (see src/lib/imageBox.ts), so the page does not shift either way.
 */
export const ImageFields = {
  src: SafeUrl,
  alt: z.string().check(z.maxLength(400)),
  width: z.optional(Dimension),
  height: z.optional(Dimension),
  /** Filled in by the server when it syncs a raster image (server/images): what its resized copies need. */
  variants: z.optional(ImageVariants),
};

export const ParagraphBlock = z.strictObject({ type: z.literal('paragraph'), content: InlineContent });
export const SubheadingBlock = z.strictObject({ type: z.literal('subheading'), text: NonEmptyText(200) });
export const BlockquoteBlock = z.strictObject({
  type: z.literal('blockquote'),
  content: InlineContent,
  attribution: z.optional(NonEmptyText(200)),
});
export const PullquoteBlock = z.strictObject({ type: z.literal('pullquote'), text: NonEmptyText(400) });
export const ImageBlock = z.strictObject({
  type: z.literal('image'),
  ...ImageFields,
  caption: z.optional(NonEmptyText(600)),
  credit: z.optional(NonEmptyText(200)),
});
export const ListBlock = z.strictObject({
  type: z.literal('list'),
  ordered: z.boolean(),
  items: z.array(InlineContent).check(z.minLength(1, 'A list needs at least one item')),
});
export const EmbedBlock = z.strictObject({
  type: z.literal('embed'),
  provider: NonEmptyText(60),
  url: SafeUrl,
  author: NonEmptyText(120),
  text: NonEmptyText(2000),
  media: z.optional(z.strictObject(ImageFields)),
});
export const DividerBlock = z.strictObject({ type: z.literal('divider') });

/** Every block a story body can hold. Adding a type: one entry here and one renderer in features/story/blocks. */
export const Block = z.discriminatedUnion('type', [
  ParagraphBlock,
  SubheadingBlock,
  BlockquoteBlock,
  PullquoteBlock,
  ImageBlock,
  ListBlock,
  EmbedBlock,
  DividerBlock,
]);
export type Block = z.infer<typeof Block>;
export type BlockType = Block['type'];
export type ImageBlock = z.infer<typeof ImageBlock>;
