import { absoluteUrl } from './html';

/** robots.txt: everything may be crawled except the admin page, and it names both sitemaps. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin',
    '',
    `Sitemap: ${absoluteUrl('/sitemap.xml', origin)}`,
    `Sitemap: ${absoluteUrl('/news-sitemap.xml', origin)}`,
    '',
  ].join('\n');
}
