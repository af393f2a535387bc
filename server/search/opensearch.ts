import type { Hono } from 'hono';
import type { Site } from '../../src/schema/site';
import { escapeXml } from '../http';

/** Browsers offer the site's own search once they have read this (linked from every page's search box). */
export function openSearchDescription(site: Site, origin: string): string {
  const name = escapeXml((site.shortName ?? site.name).slice(0, 16));
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>${name}</ShortName>
  <Description>${escapeXml(`Search the stories of ${site.name}`)}</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Language>${escapeXml(site.language)}</Language>
  <Url type="text/html" method="get" template="${escapeXml(`${origin}/search?q=`)}{searchTerms}"/>
  <Url type="application/json" method="get" template="${escapeXml(`${origin}/api/search?q=`)}{searchTerms}"/>
</OpenSearchDescription>
`;
}

export function openSearchRoute(app: Hono, site: Site, origin: () => string) {
  app.get('/opensearch.xml', (c) =>
    c.body(openSearchDescription(site, origin()), 200, {
      'Content-Type': 'application/opensearchdescription+xml; charset=UTF-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );
}
