/**
 * The page's only script tag. The build inlines this file in place of the app's entry script (see
 * bootScriptPlugin in vite.config.ts) and the server allows it by its hash in the Content-Security-Policy.
 *
 * The server's HTML is the whole page a reader first sees, so the app's JavaScript should neither delay that
 * paint nor share the network with the images in it: the entry is requested once the page has loaded and its
 * first contentful paint has been presented. Until the app arrives the page reads, and its links work, as
 * plain HTML; the comment form keeps whatever is typed into it meanwhile (CommentForm adopts it).
 */
(() => {
  const entry = (document.currentScript as HTMLScriptElement | null)?.dataset.entry;
  if (!entry) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    const script = document.createElement('script');
    script.type = 'module';
    script.src = entry;
    document.head.append(script);
  };
  // A frame later the paint has been presented; the timeout lets that frame finish first.
  const afterNextFrame = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(start)));
  const afterFirstPaint = () => {
    if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return afterNextFrame();
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      afterNextFrame();
    });
    observer.observe({ type: 'paint', buffered: true });
  };
  if (document.readyState === 'complete') afterFirstPaint();
  else addEventListener('load', afterFirstPaint, { once: true });
  // A page hidden in a background tab paints nothing, and a slow image can hold up the load event: the app
  // still starts, a few seconds late at worst.
  setTimeout(start, 4000);
})();
