import type { Site } from '../../src/schema/site';
import { absoluteUrl } from './html';
import { xmlText } from '../http';
import type { NewsEntry } from '../store';

/** News sitemaps list the stories of the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_LIMIT = 1000;

/**
 * The news sitemap's language: an ISO 639 code, except that Chinese names its script as zh-cn or zh-tw.
 * "en-GB" gives "en"; "zh-Hant-TW" gives "zh-tw".
 */
export function newsLanguage(tag: string): string {
  const [language = '', ...rest] = tag.toLowerCase().split('-');
  if (language !== 'zh') return language;
  return rest.includes('hant') || rest.includes('tw') || rest.includes('hk') ? 'zh-tw' : 'zh-cn';
}

/** The stories of `entries` published in the two days before `now`, newest first, in the news sitemap format. */
export function newsSitemap(site: Site, origin: string, entries: NewsEntry[], now = Date.now()): string {
  const recent = entries
    .filter((entry) => {
      const published = Date.parse(entry.publishedAt);
      return published <= now && now - published <= NEWS_WINDOW_MS;
    })
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
    .slice(0, NEWS_LIMIT);
  const publication =
    `<news:publication><news:name>${xmlText(site.name)}</news:name>` +
    `<news:language>${xmlText(newsLanguage(site.language))}</news:language></news:publication>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...recent.map(
      (entry) =>
        `<url><loc>${xmlText(absoluteUrl(`/stories/${entry.slug}`, origin))}</loc><news:news>${publication}` +
        `<news:publication_date>${xmlText(new Date(entry.publishedAt).toISOString())}</news:publication_date>` +
        `<news:title>${xmlText(entry.headline)}</news:title></news:news></url>`,
    ),
    '</urlset>\n',
  ].join('');
}
