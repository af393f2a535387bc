import { useSyncExternalStore } from 'react';

/** For a store that never changes: its value differs only between the server's render and the browser's. */
export const noSubscription = () => () => {};

/**
 * A field of the server's HTML as a component's first render in the browser finds it, or null (on the server, or
 * when the form is not being hydrated and so has no field in the page yet). Whatever was typed into it before the
 * app took the form over is there, and hydration would reset it: forms take their first values from it.
 */
export function serverField(id: string): HTMLInputElement | null {
  if (typeof document === 'undefined') return null;
  return document.getElementById(id) as HTMLInputElement | null;
}

/**
 * False on the server and while the browser hydrates the server's HTML, true from then on: what only the app can
 * do (a form's enhanced submit, a list kept in this browser) is shown or marked once it is true.
 */
export const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
