const INTERACTIONS = ['pointerdown', 'keydown', 'focusin', 'popstate'];

/**
 * Resolves once the element with this id comes within a screen or so of the viewport, or the reader first
 * interacts with the page or steps through its history, whichever comes first; at once on the server and on
 * pages without the element. Lets a part far down a server-rendered page (a long comment thread) wait to
 * hydrate until it may be needed, instead of adding its work to the page's start-up.
 */
export function whenNeeded(id: string): Promise<void> {
  const element = typeof document === 'undefined' ? null : document.getElementById(id);
  if (!element) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && done(), {
      rootMargin: '100% 0px',
    });
    const done = () => {
      observer.disconnect();
      for (const type of INTERACTIONS) removeEventListener(type, done, true);
      resolve();
    };
    observer.observe(element);
    for (const type of INTERACTIONS) addEventListener(type, done, true);
  });
}
