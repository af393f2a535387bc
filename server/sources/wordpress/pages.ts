import * as z from 'zod/mini';
import { PageFile } from '../../../src/schema';
import type { ContentWrites, SyncReport } from '../../store';
import { formatPath } from '../../content';
import type { WordPressClient } from './client';
import { convertBody } from './convert/body';
import { htmlToText } from './convert/dom';
import { truncateAtWord } from './convert/text';
import { gmtToIso, isGeneratedExcerpt, slugify } from './map';

/** The fields of a WordPress page (/wp/v2/pages) Byline reads; plugins' extra fields are let through. */
export const WpPage = z.object({
  id: z.int().check(z.positive()),
  slug: z.string(),
  link: z.optional(z.string()),
  modified_gmt: z.string().check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, 'Invalid WordPress date')),
  title: z.object({ rendered: z.string() }),
  content: z.object({ rendered: z.string(), protected: z.optional(z.boolean()) }),
  excerpt: z.optional(z.object({ rendered: z.string() })),
});

export type MappedPage = { page: PageFile; notes: string[] } | { problem: string };

/**
 * A WordPress page as a standing page: its content through the same converter as posts' (so the same markup
 * becomes the same blocks, and the same hostile markup is refused the same way), its title and excerpt as text.
 */
export function mapPage(raw: unknown): MappedPage {
  const parsed = WpPage.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `${formatPath(issue.path) || '(page)'}: ${issue.message}` };
  }
  const wp = parsed.data;
  if (wp.content.protected) return { problem: 'password-protected: not published' };
  const body = convertBody(wp.content.rendered, { baseUrl: wp.link });
  const title = truncateAtWord(htmlToText(wp.title.rendered), 200) || `Page ${wp.id}`;
  const firstText = body.blocks.flatMap((block) => (block.type === 'paragraph' ? [block.content] : []))[0];
  const lead = firstText?.map((run) => run.text).join('') ?? '';
  // WordPress fills an empty excerpt with the page's start: only one an editor wrote is the description.
  const written = isGeneratedExcerpt(wp) ? '' : htmlToText(wp.excerpt?.rendered ?? '');
  const description = truncateAtWord(written || lead || title, 400);
  const page = PageFile.safeParse({
    slug: slugify(wp.slug) || `page-${wp.id}`,
    title,
    description,
    body: body.blocks,
    updatedAt: gmtToIso(wp.modified_gmt),
  });
  if (!page.success) {
    const issue = page.error.issues[0]!;
    return { problem: `${formatPath(issue.path)}: ${issue.message}` };
  }
  return { page: page.data, notes: body.notes };
}

/**
 * Makes the WordPress-published standing pages match the site's published pages: a site has a handful, so every
 * sync reads them all (a page or two of the list). A page that cannot be converted is logged and, when it was
 * online, stays as it was.
 */
export async function syncWordPressPages(
  client: Pick<WordPressClient, 'pages'>,
  content: Pick<ContentWrites, 'syncPages'>,
  log: (message: string) => void,
): Promise<SyncReport> {
  const pages: PageFile[] = [];
  const kept: string[] = [];
  for await (const list of client.pages('pages', { orderby: 'id', order: 'asc' })) {
    for (const raw of list) {
      const mapped = mapPage(raw);
      if ('page' in mapped) {
        pages.push(mapped.page);
        for (const note of mapped.notes) log(`wordpress: page ${mapped.page.slug}: ${note}`);
        continue;
      }
      const slug = slugify(String((raw as { slug?: unknown })?.slug ?? ''));
      if (slug) kept.push(slug);
      log(`wordpress: page ${slug || '(no slug)'} skipped: ${mapped.problem}`);
    }
  }
  return content.syncPages('wordpress', pages, kept);
}
