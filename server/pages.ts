import type { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Renderer } from '../src/schema/render';
import type { Site } from '../src/schema/site';
import { escapeXml } from './distribution/xml';

export interface PageOptions {
  distDir: string;
  /** The public origin for canonical links, when the server sits behind a proxy with another name. */
  publicOrigin?: string;
  /** The site's identity: the page's language, theme colour and (for the plain shell) title. */
  site: Site;
  log: (message: string) => void;
}

/** The code of each inline script in a page; data blocks (JSON, JSON-LD) are not scripts and are left out. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([^<]+)<\/script>/gi)]
    .filter(([, attributes]) => !/\ssrc=|\stype="application\//i.test(attributes!))
    .map(([, , code]) => code!);
}

/**
 * CSP sources for the inline scripts of the built page template (the boot script): each allowed by its hash,
 * so the policy still refuses every other inline script.
 */
export function inlineScriptSources(distDir: string): string[] {
  const templatePath = join(distDir, 'index.html');
  if (!existsSync(templatePath)) return [];
  return inlineScripts(readFileSync(templatePath, 'utf8')).map(
    (code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`,
  );
}

const isPagePath = (path: string) => !path.startsWith('/api/') && !(path.split('/').at(-1) ?? '').includes('.');

/**
 * Answers page URLs with server-rendered HTML (falling back to the plain app shell if rendering fails), so a
 * reader sees the story before any JavaScript runs and the browser hydrates it into the single-page app.
 */
export function servePages(app: Hono, { distDir, publicOrigin, site, log }: PageOptions): boolean {
  const templatePath = join(distDir, 'index.html');
  if (!existsSync(templatePath)) return false;
  const template = readFileSync(templatePath, 'utf8')
    .replace(/<html lang="[^"]*"/, `<html lang="${escapeXml(site.language)}"`)
    .replace(/(<meta name="theme-color" content=")[^"]*"/, `$1${escapeXml(site.themeColor)}"`);
  const htmlStart = `<html lang="${escapeXml(site.language)}"`;
  const shell = template
    .replace('<!--app-head-->', `<title>${escapeXml(site.name)}</title>`)
    .replace('<!--app-html-->', '')
    .replace('<!--app-state-->', '');
  const rendererPath = join(distDir, 'server', 'entry-server.js');
  const loading: Promise<Renderer | undefined> = existsSync(rendererPath)
    ? (import(pathToFileURL(rendererPath).href) as Promise<Renderer>)
    : Promise.resolve(undefined);
  if (!existsSync(rendererPath)) log(`pages: no server renderer at ${rendererPath}; pages render in the browser only`);

  app.get('*', async (c, next) => {
    if (!isPagePath(c.req.path)) return next();
    c.header('Cache-Control', 'no-cache');
    // The reader's theme and text size come from cookies and shape the HTML.
    c.header('Vary', 'Cookie', { append: true });
    const renderer = await loading;
    if (!renderer) return c.html(shell);
    const url = new URL(c.req.url);
    try {
      const page = await renderer.render({
        url: url.pathname + url.search,
        origin: publicOrigin ?? url.origin,
        site,
        api: async (path, init) => app.request(path, init),
        cookie: c.req.header('cookie'),
      });
      const html = template
        .replace(`${htmlStart}>`, `${htmlStart}${page.htmlAttributes}>`)
        .replace('<!--app-head-->', page.head)
        .replace('<!--app-html-->', page.html)
        .replace('<!--app-state-->', page.state);
      // The embedded cache carries fetch times that differ on every render; the tag follows the content only,
      // so a reader's repeat visit to an unchanged page gets a 304.
      c.header('ETag', `W/"${createHash('sha1').update(page.fingerprint).digest('base64url')}"`);
      return c.html(html, page.status as 200 | 404);
    } catch (error) {
      log(`error: rendering ${c.req.path} failed, sent the app shell instead: ${(error as Error).stack ?? error}`);
      return c.html(shell);
    }
  });
  return true;
}
