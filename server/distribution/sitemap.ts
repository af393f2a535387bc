import { absoluteUrl } from './html';
import { xmlText } from '../http';
import type { SitemapEntry } from '../store';

/** The sitemap protocol's limit of URLs in one file; beyond it, /sitemap.xml becomes an index of parts. */
export const SITEMAP_LIMIT = 50_000;

const urlset = (entries: SitemapEntry[], origin: string) =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(
      (entry) =>
        `<url><loc>${xmlText(absoluteUrl(entry.path, origin))}</loc>` +
        (entry.lastmod ? `<lastmod>${xmlText(new Date(entry.lastmod).toISOString())}</lastmod>` : '') +
        '</url>',
    ),
    '</urlset>\n',
  ].join('');

/** The path of part `n` (from 1) of a split sitemap. */
export const sitemapPartPath = (n: number) => `/sitemaps/${n}.xml`;

/**
 * The site's sitemap: one urlset while the entries fit in `limit`, else a sitemap index (what /sitemap.xml
 * answers) over parts of `limit` entries each, each part with the newest lastmod of its entries.
 */
export function sitemaps(entries: SitemapEntry[], origin: string, limit = SITEMAP_LIMIT): { root: string; parts: string[] } {
  if (entries.length <= limit) return { root: urlset(entries, origin), parts: [] };
  const chunks: SitemapEntry[][] = [];
  for (let start = 0; start < entries.length; start += limit) chunks.push(entries.slice(start, start + limit));
  const index = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...chunks.map((chunk, i) => {
      const newest = chunk.reduce<string | undefined>((max, entry) => (entry.lastmod && (!max || entry.lastmod > max) ? entry.lastmod : max), undefined);
      return (
        `<sitemap><loc>${xmlText(absoluteUrl(sitemapPartPath(i + 1), origin))}</loc>` +
        (newest ? `<lastmod>${xmlText(new Date(newest).toISOString())}</lastmod>` : '') +
        '</sitemap>'
      );
    }),
    '</sitemapindex>\n',
  ].join('');
  return { root: index, parts: chunks.map((chunk) => urlset(chunk, origin)) };
}
