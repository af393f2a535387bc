import type { Context, Hono } from 'hono';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getCookie } from 'hono/cookie';
import {
  TEXT_SIZE_COOKIE,
  THEME_COOKIE,
  preferenceAttributes as attributesFor,
  textSizeOf,
  themeOf,
} from '../../src/schema/preferences';
import type { FormState, Renderer } from '../../src/schema/render';
import type { Site } from '../../src/schema/site';
import { answerKeys, surrogateKeyHeaders, type ChangeKey } from '../changes';
import type { Changes } from '../changes';
import { feedLink } from '../distribution';
import { sendKept } from '../http';
import { escapeXml } from '../http';
import { accentStyle } from '../branding';
import { createPageCache, type CachedPage } from './cache';
import { compileTemplate, replaceLiterally } from './template';
import { pageAddress } from './query';

/**
 * What a render learned from the API answers it read: their change keys; the worst failure (0: none), which
 * the page's status reports; and whether any answer was one no cache may keep.
 */
interface Reading {
  keys: Set<ChangeKey>;
  failed: number;
  uncacheable: boolean;
}

/**
 * The status a read answer makes its page fail with, or 0: the database away or a server error (503), or a
 * query the API refused (400). A 404 is no failure: it is the page's own answer, kept until what it names is
 * published.
 */
const readFailure = (response: Response) => (response.status >= 500 ? 503 : response.status === 400 ? 400 : 0);

/** A page is no more cacheable than what it read: an error, or an old answer served while the database is away. */
const uncacheable = (response: Response) =>
  readFailure(response) > 0 || /no-store/.test(response.headers.get('cache-control') ?? '');

export interface PageOptions {
  distDir: string;
  /** The origin of every absolute URL a page carries (server/http/origin.ts): never the request's Host. */
  origin: () => string;
  /** The site's identity: the page's language, theme colour and (for the plain shell) title. */
  site: Site;
  changes: Changes;
  /** Most bytes the rendered-page cache may hold (HTML and its gzip and brotli copies). */
  cacheBytes: number;
  log: (message: string) => void;
  /** Told each time a page is rendered (tests count renders with it). */
  onRender?: (url: string) => void;
  /** Asked before a reader's request renders a page the cache lacks: a Response refuses it (a rate limit). */
  beforeRender?: (c: Context) => Response | undefined;
}

/**
 * Shared caches may keep a page a minute and serve it stale for ten while they fetch it again; a purge by
 * surrogate key (server/changes/cdnPurge.ts) takes it out at once when what it shows changes. Browsers revalidate
 * every time, which the origin answers from memory.
 */
export const SHARED_PAGE_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600';
/** A page built for one reader (a form's answer): no cache anywhere may keep it. */
export const PRIVATE_PAGE = 'private, no-store';
/** An answer about a failure (a render that failed, a read that did): the next try may well differ. */
export const ERROR_PAGE = 'no-store';
/** The shared page with one reader's preferences on its <html> element: their browser may keep it, no one else. */
const PREFERENCE_PAGE = 'private, no-cache';

/**
 * The <html> attributes for the reader's preference cookies (as the boot script sets them), or '' for none.
 * With JavaScript the boot script would apply them anyway; without it, only these show the reader's choice.
 */
export function preferenceAttributes(c: Context): string {
  const attributes = attributesFor({
    theme: themeOf(getCookie(c, THEME_COOKIE)),
    textSize: textSizeOf(getCookie(c, TEXT_SIZE_COOKIE)),
  });
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
}

/** The boot script's tag as the build writes it (scripts/bootScriptPlugin.ts): taking it out keeps the app from starting. */
export const BOOT_SCRIPT = /<script data-entry="[^"]*"[^>]*>[^<]*<\/script>/;

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

/** The page with these attributes added to its <html> element. */
const withAttributes = (html: string, attributes: string) => html.replace(/<html\b[^>]*/, (tag) => tag + attributes);

export const isPagePath = (path: string) => !path.startsWith('/api/') && !(path.split('/').at(-1) ?? '').includes('.');

/** Sends a page as it is kept: compressed as the client accepts, or 304 when the client's copy is this one. */
function sendPage(c: Context, page: CachedPage, cacheControl: string) {
  const headers: Record<string, string> = {
    // A page that read an error (a failed render, the database away) is shown once and kept by no one.
    'Cache-Control': page.cacheable ? cacheControl : ERROR_PAGE,
    ETag: page.etag,
    Vary: 'Accept-Encoding',
    ...surrogateKeyHeaders(page.keys),
  };
  const html = 'text/html; charset=UTF-8';
  return sendKept(
    c,
    { etag: page.etag, plain: page.html, br: () => page.br, gzip: () => page.gzip, type: html },
    page.status,
    headers,
  );
}

export interface Pages {
  /** Renders a page for one reader with a form's outcome (never cached) and sends it `private, no-store`. */
  sendFormPage(c: Context, url: string, form: FormState, status?: number): Promise<Response>;
  /**
   * Renders an unpublished story for one editor: `answer` supplies the API answers the store does not have (the
   * story itself). The page says plainly that it is a preview, is never cached or indexed, and stays as the
   * server rendered it: the app is not started, so it never asks the API for a story that is not published.
   */
  sendPreviewPage(c: Context, url: string, answer: (path: string) => unknown): Promise<Response>;
}

/**
 * Answers page URLs with server-rendered HTML (falling back to the plain app shell if rendering fails), so a
 * reader sees the story before any JavaScript runs and the browser hydrates it into the single-page app.
 * Pages are the same for every reader (preferences are applied in the browser by the boot script), so each is
 * rendered once per change of what it shows and kept in memory (server/pages/cache.ts).
 */
export function servePages(app: Hono, options: PageOptions): Pages | undefined {
  const { distDir, site, changes, log } = options;
  const templatePath = join(distDir, 'index.html');
  if (!existsSync(templatePath)) return undefined;
  let built = readFileSync(templatePath, 'utf8');
  built = replaceLiterally(built, /<html lang="[^"]*"/, `<html lang="${escapeXml(site.language)}"`);
  built = replaceLiterally(
    built,
    /<meta name="theme-color" content="[^"]*"/,
    `<meta name="theme-color" content="${escapeXml(site.themeColor)}"`,
  );
  const accent = accentStyle(site);
  if (accent) built = replaceLiterally(built, '</head>', `${accent.element}</head>`);
  const template = compileTemplate(built);
  const shell = template({ head: `<title>${escapeXml(site.name)}</title>`, html: '', state: '' });
  /** The answer to an address no page reads (a made-up cursor): said plainly, rendered from nothing, kept nowhere. */
  const badAddress = (path: string, problem: string) =>
    template({
      head: `<title>This address does not lead to a page — ${escapeXml(site.name)}</title>`,
      html:
        `<main id="main"><h1>This address does not lead to a page</h1><p>${escapeXml(problem)}</p>` +
        `<p><a href="${escapeXml(path)}">Go to the first page</a></p></main>`,
      state: '',
      // Our own template: without the boot script the app does not start and replace the message.
    }).replace(BOOT_SCRIPT, '');
  const rendererPath = join(distDir, 'server', 'entry-server.js');
  const loading: Promise<Renderer | undefined> = existsSync(rendererPath)
    ? (import(pathToFileURL(rendererPath).href) as Promise<Renderer>)
    : Promise.resolve(undefined);
  if (!existsSync(rendererPath)) log(`pages: no server renderer at ${rendererPath}; pages render in the browser only`);

  const cache = createPageCache(changes, options.cacheBytes);
  // What the API answers a render reads tell about the page, for the render in progress (renders may overlap):
  // their keys, and the worst failure among them.
  const reading = new AsyncLocalStorage<Reading>();
  const api = async (path: string, init: RequestInit) => {
    const response = await app.request(path, init);
    const read = reading.getStore();
    if (read) {
      // The keys its route declared for what it shows (server/changes/keys.ts answerKeys).
      for (const key of answerKeys(response.headers)) read.keys.add(key);
      read.failed = Math.max(read.failed, readFailure(response));
      read.uncacheable ||= uncacheable(response);
    }
    return response;
  };

  async function render(
    renderer: Renderer,
    url: string,
    origin: string,
    form?: FormState,
    answer?: (path: string) => unknown,
  ) {
    options.onRender?.(url);
    const read: Reading = { keys: new Set(), failed: 0, uncacheable: false };
    const answering = (path: string, init: RequestInit) => {
      const answered = answer?.(new URL(path, 'http://byline.invalid').pathname);
      return answered === undefined ? api(path, init) : Promise.resolve(Response.json(answered));
    };
    const page = await reading.run(read, () => renderer.render({ url, origin, site, api: answering, form }));
    const title = /<title>([^<]*)<\/title>/.exec(page.head)?.[1] ?? '';
    const head =
      page.status === 200 ? page.head + feedLink(new URL(url, origin).pathname, origin, title, site.name) : page.head;
    const html = template({ head, html: page.html, state: page.state });
    // A page built on a failed read says so with its status; no cache keeps it, nor one built on an old answer.
    const status = read.failed && page.status < 400 ? read.failed : page.status;
    return { status, html, keys: [...read.keys], fingerprint: page.fingerprint, cacheable: !read.uncacheable };
  }

  app.get('*', async (c, next) => {
    if (!isPagePath(c.req.path)) return next();
    const renderer = await loading;
    if (!renderer) return c.html(shell, 200, { 'Cache-Control': 'no-cache' });
    const address = pageAddress(c.req.url);
    if ('problem' in address)
      return c.html(badAddress(c.req.path, address.problem), 400, { 'Cache-Control': ERROR_PAGE });
    const { url } = address;
    const attributes = preferenceAttributes(c);
    // Only a page that would cost a render counts against the reader's limit: kept pages, and renders already
    // under way for someone else, are served whatever the limit says.
    if (!cache.has(url)) {
      const refused = options.beforeRender?.(c);
      if (refused) return refused;
    }
    try {
      const shared = () => cache.get(url, () => render(renderer, url, options.origin()));
      if (!attributes) return sendPage(c, await shared(), SHARED_PAGE_CACHE);
      // A reader with saved preferences: the same page, their choices on <html>, kept as its own copy (no render).
      const page = await cache.get(`${url} ${attributes}`, async () => {
        const base = await shared();
        return {
          status: base.status,
          html: withAttributes(base.html.toString(), attributes),
          keys: [...base.keys],
          fingerprint: base.etag + attributes,
          cacheable: base.cacheable,
        };
      });
      return sendPage(c, page, PREFERENCE_PAGE);
    } catch (error) {
      log(`error: rendering ${url} failed, sent the app shell instead: ${(error as Error).stack ?? error}`);
      return c.html(shell, 200, { 'Cache-Control': ERROR_PAGE });
    }
  });

  return {
    async sendFormPage(c, url, form, status) {
      const renderer = await loading;
      if (!renderer) return c.html(shell, 200, { 'Cache-Control': PRIVATE_PAGE });
      const rendered = await render(renderer, url, options.origin(), form);
      const html = Buffer.from(withAttributes(rendered.html, preferenceAttributes(c)));
      return c.body(new Uint8Array(html), (status ?? rendered.status) as 200, {
        'Cache-Control': PRIVATE_PAGE,
        'Content-Type': 'text/html; charset=UTF-8',
      });
    },

    async sendPreviewPage(c, url, answer) {
      const renderer = await loading;
      if (!renderer) return c.html(shell, 503, { 'Cache-Control': PRIVATE_PAGE });
      const rendered = await render(renderer, url, options.origin(), undefined, answer);
      // Our own template: the boot script is the one that names the app's entry.
      const html = rendered.html
        .replace(BOOT_SCRIPT, '')
        .replace('</head>', '<meta name="robots" content="noindex, nofollow" /></head>')
        .replace(
          '<div id="root">',
          '<section class="preview-banner" aria-label="Preview"><p><strong>Preview</strong>: this story is not ' +
            'published. Readers cannot see it until it is published in WordPress.</p></section><div id="root">',
        );
      return c.body(new Uint8Array(Buffer.from(html)), rendered.status as 200, {
        'Cache-Control': PRIVATE_PAGE,
        'X-Robots-Tag': 'noindex, nofollow',
        'Content-Type': 'text/html; charset=UTF-8',
      });
    },
  };
}
