import type { ReactNode } from 'react';
import { useLocation } from 'react-router';

/** Where the preference forms post when there is no JavaScript (server/pages/forms.ts). */
export const PREFERENCES_ACTION = '/preferences';

/**
 * A preference control as a small form: without JavaScript its buttons post to the server, which sets the cookie
 * and sends the reader back to `anchor` on this page; with the app, the buttons' clicks do the work in place.
 */
export function PreferenceForm({
  anchor,
  className,
  children,
}: {
  anchor?: string;
  className?: string;
  children: ReactNode;
}) {
  const { pathname, search } = useLocation();
  return (
    <form method="post" action={PREFERENCES_ACTION} className={className} id={anchor}>
      <input type="hidden" name="back" value={`${pathname}${search}${anchor ? `#${anchor}` : ''}`} />
      {children}
    </form>
  );
}
