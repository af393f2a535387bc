import type { Block, LiveEntry, LivePage } from '../../schema';

/** Words a search engine reads for an entry: its paragraphs, quotes, headings and list items, as plain text. */
export function entryText(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph' || block.type === 'blockquote')
      parts.push(block.content.map((run) => run.text).join(''));
    else if (block.type === 'subheading' || block.type === 'pullquote') parts.push(block.text);
    else if (block.type === 'list') parts.push(...block.items.map((item) => item.map((run) => run.text).join('')));
  }
  return parts.join('\n');
}

/** A headline of at most 110 characters (Google's limit for an article headline): the title, else the text's start. */
function entryHeadline(entry: LiveEntry, text: string): string {
  const source = entry.title ?? (text || 'Update');
  return source.length <= 110 ? source : `${source.slice(0, 109).trimEnd()}…`;
}

/**
 * What a live story's schema.org data adds to its NewsArticle: it becomes a LiveBlogPosting (an Article too,
 * so its article fields stay valid) with its coverage times and the entries this page shows as liveBlogUpdate.
 */
export function liveBlogJsonLd(page: LivePage, pageUrl: string): Record<string, unknown> {
  // The pinned entry is on this page above the others (anchor pinned-<id>), and in the list only on its own page.
  const listed = new Set(page.entries.map((entry) => entry.id));
  const pinned = page.pinned && !listed.has(page.pinned.id) ? [{ entry: page.pinned, anchor: 'pinned' }] : [];
  const entries = [...pinned, ...page.entries.map((entry) => ({ entry, anchor: 'entry' }))];
  return {
    '@type': 'LiveBlogPosting',
    coverageStartTime: page.live.startedAt,
    ...(page.live.endedAt ? { coverageEndTime: page.live.endedAt } : {}),
    liveBlogUpdate: entries.map(({ entry, anchor }) => {
      const text = entryText(entry.blocks);
      const headline = entryHeadline(entry, text);
      return {
        '@type': 'BlogPosting',
        headline,
        datePublished: entry.at,
        url: `${pageUrl}#${anchor}-${entry.id}`,
        // Google asks every update for a body: an entry of pictures alone has its headline.
        articleBody: text || headline,
        ...(entry.author ? { author: { '@type': 'Person', name: entry.author } } : {}),
      };
    }),
  };
}
