import { useSyncExternalStore } from 'react';

/** For a store that never changes: its value differs only between the server's render and the browser's. */
export const noSubscription = () => () => {};

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
