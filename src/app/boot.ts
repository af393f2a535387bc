/**
 * The page's only script tag. The build inlines this file in place of the app's entry script (see
 * scripts/bootScriptPlugin.ts) and the server allows it by its hash in the Content-Security-Policy.
 *
 * The server's HTML is the whole page a reader first sees, so the app's JavaScript should neither delay that
 * paint nor share the network with the images in it: the entry is requested once the page has loaded and its
 * first contentful paint has been presented (a paint entry is reported only then). Until the app arrives the
 * page reads, and its links work, as plain HTML; the comment form keeps whatever is typed into it meanwhile
 * (CommentForm adopts it).
 */
(() => {
  // Pages are the same for every reader, so caches can share them: the reader's theme and text size (cookies
  // set by the app or by the preference forms) are applied here, in the head, before the first paint. The app
  // marks itself ready once it runs; until then, controls that need it stay hidden (styles.css).
  const root = document.documentElement;
  // Read once: each read of document.cookie asks the browser process for the cookies.
  const cookies = document.cookie;
  const theme = /(?:^|; )byline-theme=(light|dark)(?:;|$)/.exec(cookies);
  if (theme) root.dataset.theme = theme[1];
  const size = /(?:^|; )byline-text-size=([0-4])(?:;|$)/.exec(cookies);
  if (size && size[1] !== '1') root.dataset.textSize = size[1];
  root.dataset.app = 'starting';
  const { entry, preload } = (document.currentScript as HTMLScriptElement).dataset;
  let start = () => {
    start = () => {};
    // The chunks the entry imports, fetched beside it instead of once it has been read.
    for (const href of preload?.split(' ') ?? []) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      document.head.append(link);
    }
    void import(entry!);
  };
  const afterFirstPaint = () => {
    const observer = new PerformanceObserver((list) => {
      if (!list.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      start();
    });
    observer.observe({ type: 'paint', buffered: true });
  };
  // Inline in the head, this runs while the document is still parsing: the load event is always ahead.
  addEventListener('load', afterFirstPaint, { once: true });
  // A page opened in a background tab paints nothing, and a slow image can hold up the load event: the app
  // still starts, a few seconds late at worst.
  setTimeout(() => start(), 4000);
})();
