import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Block, Inline, PublicComment, Story } from '../../src/schema';

/**
 * The floor: the same story as one static HTML file with the app's own built CSS and no JavaScript, served by a
 * few lines of node:http. Nothing a real page does can be faster than this, so Byline's numbers are read as a
 * ratio to it.
 */

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const time = (iso: string, format = dateFormat) =>
  `<time datetime="${escape(iso)}">${escape(format.format(new Date(iso)))}</time>`;

function inline(runs: Inline[]): string {
  return runs
    .map((run) => {
      switch (run.type) {
        case 'text':
          return escape(run.text);
        case 'emphasis':
          return `<em>${escape(run.text)}</em>`;
        case 'strong':
          return `<strong>${escape(run.text)}</strong>`;
        case 'link':
          return `<a href="${escape(run.href)}"${/^https?:/.test(run.href) ? ' rel="noopener"' : ''}>${escape(run.text)}</a>`;
      }
    })
    .join('');
}

function image(
  block: { src: string; alt: string; width?: number; height?: number; caption?: string; credit?: string },
  lead = false,
): string {
  const caption =
    block.caption || block.credit
      ? `<figcaption>${escape(block.caption ?? '')}${block.credit ? `<span class="credit"> ${escape(block.credit)}</span>` : ''}</figcaption>`
      : '';
  const loading = lead ? 'loading="eager" fetchpriority="high"' : 'loading="lazy"';
  const size = block.width && block.height ? `width="${block.width}" height="${block.height}"` : '';
  return `<figure class="story-figure"><img src="${escape(block.src)}" alt="${escape(block.alt)}" ${size} ${loading} decoding="async">${caption}</figure>`;
}

function block(item: Block): string {
  switch (item.type) {
    case 'paragraph':
      return `<p>${inline(item.content)}</p>`;
    case 'subheading':
      return `<h2 class="story-subheading">${escape(item.text)}</h2>`;
    case 'blockquote': {
      const quote = `<blockquote class="story-quote"><p>${inline(item.content)}</p></blockquote>`;
      return item.attribution
        ? `<figure class="story-quote-figure">${quote}<figcaption>— ${escape(item.attribution)}</figcaption></figure>`
        : quote;
    }
    case 'pullquote':
      return `<aside class="pullquote" aria-hidden="true"><p>${escape(item.text)}</p></aside>`;
    case 'image':
      return image(item);
    case 'list': {
      const tag = item.ordered ? 'ol' : 'ul';
      return `<${tag} class="story-body-list">${item.items.map((runs) => `<li>${inline(runs)}</li>`).join('')}</${tag}>`;
    }
    case 'embed':
      return (
        `<figure class="embed"><blockquote cite="${escape(item.url)}" class="embed-text">` +
        item.text
          .split(/\n{2,}/)
          .map((paragraph) => `<p>${escape(paragraph)}</p>`)
          .join('') +
        `</blockquote><figcaption>${escape(item.author)} on ${escape(item.provider)} · <a href="${escape(item.url)}">View the original post on ${escape(item.provider)}</a></figcaption></figure>`
      );
    case 'divider':
      return '<hr class="story-divider">';
  }
}

function commentList(comments: PublicComment[], parentId: number | null, className: string): string {
  const here = comments.filter((comment) => comment.parentId === parentId);
  if (here.length === 0) return '';
  const items = here.map((comment) => {
    const name = comment.website
      ? `<a href="${escape(comment.website)}" rel="nofollow ugc noopener">${escape(comment.name)}</a>`
      : escape(comment.name);
    const paragraphs = comment.text
      .split(/\n{2,}/)
      .map((paragraph) => `<p>${escape(paragraph)}</p>`)
      .join('');
    return (
      `<li class="comment" id="comment-${comment.id}"><article aria-labelledby="comment-${comment.id}-author">` +
      `<header class="comment-meta"><div><p id="comment-${comment.id}-author" class="comment-author">${name}</p>` +
      `<p class="comment-date">${time(comment.createdAt, dateTimeFormat)}</p></div></header>` +
      `<div class="comment-text">${paragraphs}</div></article>${commentList(comments, comment.id, 'comment-replies')}</li>`
    );
  });
  return `<ol class="${className}">${items.join('')}</ol>`;
}

/** The story page as static HTML: header, lead image, body, author line and every approved comment. */
export function renderFloorHtml(story: Story, comments: PublicComment[], stylesheets: string[]): string {
  const title = `${story.headline} — Byline`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escape(story.standfirst ?? story.excerpt)}">
<meta name="theme-color" content="#1d3b4f">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>${escape(title)}</title>
${stylesheets.map((href) => `<link rel="stylesheet" href="${escape(href)}">`).join('\n')}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="site-header-inner"><a href="/" class="site-name">Byline</a><nav aria-label="Site"><ul class="site-nav"><li><a href="/">Latest</a></li></ul></nav></div></header>
<main id="main" tabindex="-1" class="site-main"><div class="story-layout">
<article class="story" aria-labelledby="story-title">
<header class="story-header"><p class="section-label">${escape(story.section)}</p>
<h1 class="story-headline" id="story-title" tabindex="-1">${escape(story.headline)}</h1>
${story.standfirst ? `<p class="standfirst">${escape(story.standfirst)}</p>` : ''}
<p class="byline">By <a href="/authors/${escape(story.author.id)}">${escape(story.author.name)}</a><span aria-hidden="true"> · </span>${time(story.publishedAt)}${
    story.updatedAt ? `<span aria-hidden="true"> · </span>Updated ${time(story.updatedAt)}` : ''
  }<span aria-hidden="true"> · </span>${story.readingMinutes} min read<span aria-hidden="true"> · </span><a href="#comments">${comments.length} comments</a></p>
</header>
${story.image ? image(story.image, true) : ''}
<div class="story-body">
${story.body.map(block).join('\n')}
</div>
</article>
<div class="story-after">
<section id="comments" class="comments" aria-labelledby="comments-heading" tabindex="-1"><h2 id="comments-heading">Comments (${comments.length})</h2>
${commentList(comments, null, 'comment-list')}
</section>
</div>
</div></main>
<footer class="site-footer"><p>Byline — independent news from Port Alder. Stories and images are fictional demo content.</p></footer>
</body>
</html>
`;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.txt': 'text/plain; charset=utf-8',
};
const compressible = new Set(['.html', '.css', '.svg', '.txt']);

export interface FloorServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * The headers of a Byline page that say how the browser must treat it (CSP, Cross-Origin-Opener-Policy and the
 * rest of the security headers), without those that describe the body or its caching. Sent with the floor,
 * they show what the headers alone cost: Cross-Origin-Opener-Policy makes Chromium start the page in a new
 * renderer process, which Lighthouse counts in the page's blocking time.
 */
export function securityHeadersOf(headers: Headers): Record<string, string> {
  const security =
    /^(content-security-policy|cross-origin-|origin-agent-cluster|permissions-policy|referrer-policy|x-)/;
  return Object.fromEntries([...headers].filter(([name]) => security.test(name)));
}

/**
 * Serves `html` at `pagePath` (with `pageHeaders`, if given) and files from `distDir` (the built CSS, images,
 * favicon), gzipped when the browser accepts it, as any static host would. Listens on loopback only.
 */
export async function startFloorServer(
  distDir: string,
  pagePath: string,
  html: string,
  pageHeaders: Record<string, string> = {},
): Promise<FloorServer> {
  const cache = new Map<string, { body: Buffer; gzip: Buffer | undefined; type: string }>();
  const load = (path: string) => {
    const cached = cache.get(path);
    if (cached) return cached;
    let body: Buffer;
    let extension: string;
    if (path === pagePath) {
      body = Buffer.from(html);
      extension = '.html';
    } else {
      const file = normalize(join(distDir, decodeURIComponent(path)));
      if (!file.startsWith(distDir) || !existsSync(file) || !statSync(file).isFile()) return undefined;
      body = readFileSync(file);
      extension = extname(file);
    }
    const entry = {
      body,
      gzip: compressible.has(extension) ? gzipSync(body) : undefined,
      type: types[extension] ?? 'application/octet-stream',
    };
    cache.set(path, entry);
    return entry;
  };

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://floor.invalid').pathname;
    const file = request.method === 'GET' || request.method === 'HEAD' ? load(path) : undefined;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const gzip = file.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzip! : file.body;
    response.writeHead(200, {
      'content-type': file.type,
      'content-length': body.length,
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      ...(path === pagePath ? pageHeaders : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
