import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation, useNavigationType } from 'react-router';

let firstPageShown = false;

/**
 * The page's one h1. After a client-side navigation it takes focus, so keyboard and screen-reader users
 * start reading the new page from its title (and hear it announced); on the first load and on back/forward
 * focus is left alone, as a full page load would.
 */
export function PageHeading({ children, className, id }: { children: ReactNode; className?: string; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  const navigationType = useNavigationType();

  useEffect(() => {
    if (!firstPageShown) {
      firstPageShown = true;
      return;
    }
    if (navigationType !== 'POP') ref.current?.focus({ preventScroll: true });
  }, [key, navigationType]);

  return (
    <h1 ref={ref} tabIndex={-1} className={className} id={id}>
      {children}
    </h1>
  );
}
