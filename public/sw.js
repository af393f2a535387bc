/*
 * Byline's service worker: offline reading of saved stories. Plain JavaScript, served as /sw.js and registered by
 * src/features/offline (production builds only).
 *
 * - Saved stories (one cache each, "byline-story-v1:<slug>"): the story's page, its data, its comments and its
 *   images. The page (src/features/offline/worker.ts) posts { type: 'sync', slugs } soon after each load and
 *   whenever the saved list changes; the worker copies stories it lacks and deletes the caches of stories no
 *   longer saved, then posts { type: 'synced' } to its pages.
 * - The app shell (cache "byline-shell-v1"): the front page, /saved, the favicon, the front page's data, and the
 *   built files in /assets (hashed, so never changed: served cache-first), lazily loaded chunks included (found by
 *   reading the pages and scripts). Stored with the first saved story, not on install: a reader who saves nothing
 *   costs the server nothing more. Kept current as pages are visited; old builds' files are not pruned.
 * - Pages, /api and other files are network-first: the cached copy answers only when the network fails. A page
 *   with no copy gets a short offline page that lists the saved stories this browser can open. Until a story is
 *   saved, the worker answers page loads only (for that offline page) and leaves every other request alone.
 *
 * Change VERSION when the cache layout changes: activation deletes the caches of other versions.
 */
const VERSION = 'v1';
const SHELL = `byline-shell-${VERSION}`;
const STORY = `byline-story-${VERSION}:`;
const SHELL_URLS = ['/', '/saved', '/favicon.svg', '/api/stories?limit=10'];
const SLUG = /^[A-Za-z0-9_-]+$/;

const storyUrls = (slug) => ({
  page: `/stories/${slug}`,
  data: `/api/stories/${slug}`,
  comments: `/api/stories/${slug}/comments`,
});

/**
 * Whether this browser keeps anything offline. Until it does, the worker leaves every request but page loads to
 * the browser (no detour, no cost); page loads it answers so that offline it can say what is available.
 */
let storing = false;
const checkStoring = async () => {
  storing = (await caches.keys()).some((name) => name === SHELL || name.startsWith(STORY));
};
let checked = checkStoring();

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('byline-') && name !== SHELL && !name.startsWith(STORY)) await caches.delete(name);
      }
      await (checked = checkStoring());
      await self.clients.claim();
    })(),
  );
});

let syncing = Promise.resolve();

self.addEventListener('message', (event) => {
  const { type, slugs } = event.data ?? {};
  if (type !== 'sync' || !Array.isArray(slugs)) return;
  const wanted = slugs.filter((slug) => typeof slug === 'string' && SLUG.test(slug));
  // One round at a time, in the order asked: a quick save-then-remove ends removed.
  syncing = syncing.then(() => sync(wanted)).catch(() => undefined);
  event.waitUntil(syncing);
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(event, request, url));
  else if (!storing) return;
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(event, request));
  else event.respondWith(networkFirst(event, request));
});

/* Strategies */

async function cacheFirst(event, request) {
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) event.waitUntil(caches.open(SHELL).then((cache) => cache.put(request, response.clone())));
  return response;
}

async function networkFirst(event, request) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached =
      (await caches.match(request, { ignoreVary: true })) ??
      (new URL(request.url).pathname.startsWith('/img/') ? await keptVariant(new URL(request.url)) : undefined);
    if (cached) return cached;
    throw error;
  }
  if (response.ok) event.waitUntil(refreshCopies(request, response.clone()));
  return response;
}

async function page(event, request, url) {
  // Known before the page's own requests arrive (the worker may have just started).
  await checked;
  let response;
  try {
    // Pages allow shared caches to serve them stale while they refresh (stale-while-revalidate); the browser's
    // cache applies that to the worker's fetches too, so a page changed a moment ago could come back old. The
    // worker asks for it to be revalidated instead: a 304 when nothing changed.
    response = await fetch(request, { cache: 'no-cache' });
  } catch {
    const cached = await caches.match(url.pathname, { ignoreSearch: true, ignoreVary: true });
    return cached ?? offlinePage(url);
  }
  if (storing && response.ok && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(
      refreshCopies(new Request(url.pathname), copy.clone()).then(async () => {
        // With a shell stored, store this page's built files too: after a deploy they are new.
        if (await hasShell()) await cacheAssets(await copy.text());
      }),
    );
  }
  return response;
}

/** Puts a fresh response wherever a copy of the same URL is kept, so saved stories stay current. */
async function refreshCopies(request, response) {
  for (const name of await caches.keys()) {
    // has() again just before open(): open() would re-create a story cache that a sync has just deleted.
    if ((name !== SHELL && !name.startsWith(STORY)) || !(await caches.has(name))) continue;
    const cache = await caches.open(name);
    if (await cache.match(request, { ignoreVary: true })) await cache.put(request, response.clone());
  }
}

/* The shell and its assets */

const hasShell = async () => Boolean(await caches.match('/saved', { cacheName: SHELL }));

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const pages = await Promise.all(
    SHELL_URLS.map(async (path) => {
      const response = await fetch(path, { cache: 'no-cache' });
      if (!response.ok) return '';
      await cache.put(path, response.clone());
      return response.headers.get('Content-Type')?.includes('text/html') ? response.text() : '';
    }),
  );
  await cacheAssets(pages.join('\n'));
}

const ASSET = /\bassets\/[\w.-]+?\.(?:js|css|woff2?|svg|png|jpe?g|webp|avif)\b/g;
const SIBLING = /["'`]\.\/([\w.-]+?\.(?:js|css))["'`]/g;

/** The built files a page or script refers to. A script names the chunks it loads lazily (./Name-hash.js). */
function assetsIn(text, isScript) {
  const found = [...text.matchAll(ASSET)].map((match) => `/${match[0]}`);
  if (isScript) found.push(...[...text.matchAll(SIBLING)].map((match) => `/assets/${match[1]}`));
  return found;
}

/**
 * Caches every built file a page needs, lazily loaded chunks included, so the app runs offline. Scripts
 * already cached were crawled when they were cached: only new ones (after a deploy) are read.
 */
async function cacheAssets(html) {
  const cache = await caches.open(SHELL);
  const queue = assetsIn(html, false);
  const seen = new Set();
  while (queue.length > 0) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    if (await cache.match(path)) continue;
    const response = await fetch(path).catch(() => undefined);
    if (!response?.ok) continue;
    await cache.put(path, response.clone());
    if (path.endsWith('.js') || path.endsWith('.css'))
      queue.push(...assetsIn(await response.text(), path.endsWith('.js')));
  }
}

/* Saved stories */

async function sync(slugs) {
  const wanted = new Set(slugs.map((slug) => STORY + slug));
  for (const name of await caches.keys()) {
    if (name.startsWith(STORY) && !wanted.has(name)) await caches.delete(name);
  }
  // The shell first: a story whose copy is complete can then be opened offline, /saved included.
  if (slugs.length > 0 && !(await hasShell())) await cacheShell().catch(() => undefined);
  for (const slug of slugs) if (!(await isComplete(slug))) await keepStory(slug).catch(() => undefined);
  await (checked = checkStoring());
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true }))
    client.postMessage({ type: 'synced' });
}

/** A story's copy is usable when its page and its data are both there (the page is written last). */
async function isComplete(slug) {
  const urls = storyUrls(slug);
  const cache = (await caches.has(STORY + slug)) && (await caches.open(STORY + slug));
  return Boolean(cache && (await cache.match(urls.page)) && (await cache.match(urls.data)));
}

const sameOrigin = (src) => {
  try {
    return new URL(src, self.location.origin).origin === self.location.origin;
  } catch {
    return false;
  }
};

/**
 * The copy a saved story keeps of an image: a resizable one (with `variants`) as its 800-wide WebP, an address
 * spelt as src/schema/imageVariants.ts spells it, not the camera original; any other as it is.
 */
function keptAddress(image) {
  const variants = image.variants;
  if (!variants || !/^[0-9a-f]{8}$/.test(variants.hash) || !(variants.width > 0)) return image.src;
  return `/img/${variants.hash}/${Math.min(800, variants.width)}.webp?src=${encodeURIComponent(image.src)}`;
}

/** Every image the story page shows from this site: lead image, author photo, body images, embedded media. */
function imagesOf(story) {
  const images = [story.image, story.author?.photo];
  for (const block of Array.isArray(story.body) ? story.body : [])
    images.push(block?.type === 'image' ? block : block?.media);
  const addresses = images.map((image) => (typeof image?.src === 'string' ? keptAddress(image) : undefined));
  return [...new Set(addresses.filter((src) => typeof src === 'string' && sameOrigin(src)))];
}

/**
 * Offline, a variant not kept at the width asked (the reader's screen chose another) is stood in for by any kept
 * width of the same image: the same hash and source.
 */
async function keptVariant(url) {
  const hash = url.pathname.split('/')[2];
  const src = url.searchParams.get('src');
  for (const name of await caches.keys()) {
    if (!name.startsWith(STORY)) continue;
    const cache = await caches.open(name);
    for (const key of await cache.keys()) {
      const kept = new URL(key.url);
      if (kept.pathname.startsWith(`/img/${hash}/`) && kept.searchParams.get('src') === src) return cache.match(key);
    }
  }
  return undefined;
}

/**
 * Copies one story: page, data, comments, images. The page goes in last, so a cache holding the page holds a
 * complete story; a story that cannot be fetched now (offline, withdrawn) is tried again on the next sync.
 */
async function keepStory(slug) {
  const urls = storyUrls(slug);
  const [page, data, comments] = await Promise.all(
    [urls.page, urls.data, urls.comments].map((url) => fetch(url, { cache: 'no-cache' })),
  );
  if (!page.ok || !data.ok) return;
  const story = await data.clone().json();
  const images = await Promise.all(
    imagesOf(story).map((src) =>
      fetch(src).then(
        (response) => (response.ok ? [src, response] : undefined),
        () => undefined,
      ),
    ),
  );
  const html = await page.clone().text();
  const cache = await caches.open(STORY + slug);
  for (const image of images) if (image) await cache.put(image[0], image[1]);
  if (comments.ok) await cache.put(urls.comments, comments);
  await cache.put(urls.data, data);
  await cache.put(urls.page, page);
  await cacheAssets(html);
}

/* The offline page */

const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char],
  );

/** The saved stories this browser can open offline, most recently copied first. */
async function availableStories() {
  const names = (await caches.keys()).filter((name) => name.startsWith(STORY)).reverse();
  const stories = await Promise.all(
    names.map(async (name) => {
      const slug = name.slice(STORY.length);
      const cache = await caches.open(name);
      const urls = storyUrls(slug);
      const data = await cache.match(urls.data);
      if (!data || !(await cache.match(urls.page))) return undefined;
      const headline = await data
        .json()
        .then((story) => story.headline)
        .catch(() => undefined);
      return { slug, headline: typeof headline === 'string' ? headline : slug };
    }),
  );
  return stories.filter(Boolean);
}

/** The app's stylesheet, as the stored front page names it, or else any stored one. */
async function appStylesheet() {
  const shell = await caches.match('/', { cacheName: SHELL });
  const named = /<link rel="stylesheet"[^>]*href="(\/assets\/[\w.-]+\.css)"/.exec((await shell?.text()) ?? '')?.[1];
  if (named) return named;
  const cache = (await caches.has(SHELL)) && (await caches.open(SHELL));
  const stored = cache ? (await cache.keys()).map((request) => new URL(request.url).pathname) : [];
  return stored.reverse().find((path) => /^\/assets\/[\w.-]+\.css$/.test(path));
}

/** The site's name and language (content/site.json), from the page state of the stored front page. */
async function siteIdentity() {
  const shell = await caches.match('/', { cacheName: SHELL });
  const state = /<script type="application\/json" id="byline-state">([^<]*)<\/script>/.exec(
    (await shell?.text()) ?? '',
  )?.[1];
  const site = state ? JSON.parse(state).site : undefined;
  return {
    name: typeof site?.name === 'string' ? site.name : '',
    language: typeof site?.language === 'string' ? site.language : 'en',
  };
}

async function offlinePage(url) {
  const stories = await availableStories().catch(() => []);
  const stylesheet = await appStylesheet().catch(() => undefined);
  const site = await siteIdentity().catch(() => ({ name: '', language: 'en' }));
  const list = stories.length
    ? `<h2>Saved stories you can read offline</h2>
       <ul>${stories.map((story) => `<li><a href="/stories/${escapeHtml(story.slug)}">${escapeHtml(story.headline)}</a></li>`).join('')}</ul>`
    : `<p>You have no saved stories in this browser yet. When you are online, choose <strong>Save</strong> on a story to keep it for reading offline.</p>`;
  const html = `<!doctype html>
<html lang="${escapeHtml(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>You are offline${site.name ? ` — ${escapeHtml(site.name)}` : ''}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">` : ''}
</head>
<body>
<header class="site-header"><div class="site-header-inner"><a href="/" class="site-name">${escapeHtml(site.name || 'Front page')}</a>
<nav aria-label="Site"><ul class="site-nav"><li><a href="/">Latest</a></li><li><a href="/saved">Saved stories</a></li></ul></nav></div></header>
<main id="main" class="site-main offline-page">
<h1 class="page-title">You are offline</h1>
<p>This page was not saved for offline reading, so it needs a connection. Saved stories, and the list of them on the <a href="/saved">saved stories</a> page, are still available.</p>
${list}
<p><a href="${escapeHtml(url.pathname + url.search)}">Try this page again</a> once you are back online.</p>
</main>
</body>
</html>`;
  return new Response(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy':
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    },
  });
}
