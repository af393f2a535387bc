import { escapeXml } from '../http';

/**
 * The <link rel="alternate"> that lets feed readers find a page's RSS feed: the section's, author's or tag's own
 * feed on their pages, the site's feed on the front page and on stories. Added by the server to the rendered head
 * (feed discovery reads the HTML a URL answers), so the app's script carries none of it. `title` is the page's
 * title, already escaped as HTML text.
 */
export function feedLink(pathname: string, origin: string, title: string, siteName: string): string {
  const own = /^\/(sections|authors|tags)\/([a-z0-9-]+)\/?$/.exec(pathname);
  const feed = own
    ? { path: `/${own[1]}/${own[2]}/feed.xml`, title }
    : pathname === '/' || pathname.startsWith('/stories/')
      ? { path: '/feed.xml', title: escapeXml(siteName) }
      : undefined;
  if (!feed) return '';
  return `<link rel="alternate" type="application/rss+xml" title="${feed.title.replace(/"/g, '&quot;')}" href="${escapeXml(new URL(feed.path, origin).toString())}"/>`;
}
