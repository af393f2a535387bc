import type { Site } from '../../src/schema/site';
import { escapeXml } from './xml';

/**
 * A plain page (a refusal, say) in the site's language and under its name (content/site.json): no product name
 * reaches readers.
 */
export const plainPage = (site: Site, title: string, message: string) => `<!doctype html>
<html lang="${escapeXml(site.language)}">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} — ${escapeXml(site.name)}</title>
  </head>
  <body>
    <main>
      <h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/">Go to the front page</a></p>
    </main>
  </body>
</html>
`;
