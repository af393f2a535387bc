import * as z from 'zod/mini';
import { NonEmptyText, RunText, SafeUrl } from './primitives';

export const TextRun = z.strictObject({ type: z.literal('text'), text: RunText });
export const EmphasisRun = z.strictObject({ type: z.literal('emphasis'), text: RunText });
export const StrongRun = z.strictObject({ type: z.literal('strong'), text: RunText });
export const LinkRun = z.strictObject({ type: z.literal('link'), href: SafeUrl, text: NonEmptyText(500) });

/** A run of inline content inside a paragraph, quote or list item. */
export const Inline = z.discriminatedUnion('type', [TextRun, EmphasisRun, StrongRun, LinkRun]);
export type Inline = z.infer<typeof Inline>;

export const InlineContent = z.array(Inline).check(z.minLength(1, 'Needs at least one inline run'));
