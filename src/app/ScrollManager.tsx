import { useLayoutEffect } from 'react';
import { useLocation, useNavigationType } from 'react-router';

const positions = new Map<string, number>();

/**
 * Scroll as a reader expects: a new page starts at the top (or at its #fragment), back and forward return to
 * where the reader was. Pages render from cache on back/forward, so the position can be restored at once.
 */
export function ScrollManager() {
  const location = useLocation();
  const navigationType = useNavigationType();

  useLayoutEffect(() => {
    window.history.scrollRestoration = 'manual';
    const key = location.key;
    // Recorded as the reader scrolls, and again at the click or history step that leaves the page (before the
    // last scroll event may have arrived), never after: by then the next page's DOM may have moved it.
    const remember = () => positions.set(key, window.scrollY);
    window.addEventListener('scroll', remember, { passive: true });
    document.addEventListener('click', remember, { capture: true });
    window.addEventListener('popstate', remember, { capture: true });
    return () => {
      window.removeEventListener('scroll', remember);
      document.removeEventListener('click', remember, { capture: true });
      window.removeEventListener('popstate', remember, { capture: true });
    };
  }, [location.key]);

  useLayoutEffect(() => {
    if (navigationType === 'POP') {
      const saved = positions.get(location.key);
      if (saved !== undefined) window.scrollTo(0, saved);
      return;
    }
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
  }, [location.key, location.hash, navigationType]);

  return null;
}
