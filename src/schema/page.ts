import * as z from 'zod/mini';
import { resilientBody } from './api';
import { Block } from './blocks';
import { IsoDateTime, NonEmptyText, Slug } from './primitives';

/**
 * A standing page (about, contact, corrections policy, accessibility statement, terms): content/pages/<slug>.json,
 * a WordPress page, or PUT /api/admin/pages/<slug>. Served at /pages/<slug>; its body is a story's blocks.
 */
export const PageFile = z.strictObject({
  $schema: z.optional(z.string()),
  slug: Slug,
  title: NonEmptyText(200),
  /** For search results and shared links: one or two sentences. */
  description: NonEmptyText(400),
  body: z.array(Block).check(z.minLength(1, 'A page needs at least one block')),
  /** When its text last changed, shown at its foot and in the sitemap. */
  updatedAt: IsoDateTime,
});
export type PageFile = z.infer<typeof PageFile>;

/** A page as GET /api/pages/<slug> sends it. */
export const Page = z.omit(PageFile, { $schema: true });
export type Page = z.infer<typeof Page>;

/** A link in the site's footer (content/site.json `navigation.footer`): a page by its slug, with its label. */
export const FooterLink = z.strictObject({ page: Slug, label: NonEmptyText(60) });
export type FooterLink = z.infer<typeof FooterLink>;

/**
 * What the header and footer link to. `sections`: the header's sections by name, in order (absent: every section
 * with a published story); `footer`: pages in the footer (absent: none).
 */
export const Navigation = z.strictObject({
  sections: z.optional(z.array(NonEmptyText(40)).check(z.maxLength(20, 'List at most 20 sections'))),
  footer: z._default(z.array(FooterLink).check(z.maxLength(12, 'List at most 12 footer pages')), []),
});
export type Navigation = z.infer<typeof Navigation>;

/** A page as the client reads it: a block this client does not know is dropped, as in a story. */
export const pageResponse = (onUnknown?: (raw: unknown) => void) => z.extend(Page, { body: resilientBody(onUnknown) });
