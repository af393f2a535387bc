import {
  DEFAULT_TEXT_SIZE,
  PREFERENCE_MAX_AGE,
  TEXT_SIZE_COOKIE,
  TEXT_SIZE_STEPS,
  THEME_COOKIE,
  preferenceAttributes,
  textSizeOf,
  themeOf,
  type Theme,
} from '../schema/preferences';
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';

export type { Theme };
export { preferenceAttributes };

export interface Preferences {
  theme: Theme;
  /** A step in TEXT_SIZES; 1 is the default size. */
  textSize: number;
}

export { TEXT_SIZE_STEPS };
export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', textSize: DEFAULT_TEXT_SIZE };

/**
 * Preferences live in cookies. Pages are the same for every reader (so caches can share them): the boot script
 * (src/app/boot.ts) sets the <html> attributes from the cookies before the first paint, the app reads them once it
 * runs, and without JavaScript the server's small preference forms set them (server/pages/forms.ts).
 */
export function parsePreferences(cookieHeader: string | undefined): Preferences {
  const cookies = new Map(
    (cookieHeader ?? '').split(';').map((part) => {
      const [name = '', ...value] = part.trim().split('=');
      return [name, value.join('=')] as const;
    }),
  );
  return { theme: themeOf(cookies.get(THEME_COOKIE)), textSize: textSizeOf(cookies.get(TEXT_SIZE_COOKIE)) };
}

/** The attributes the <html> element carries for these preferences. */
function apply(next: Preferences) {
  document.cookie = `${THEME_COOKIE}=${next.theme}; Path=/; Max-Age=${PREFERENCE_MAX_AGE}; SameSite=Lax`;
  document.cookie = `${TEXT_SIZE_COOKIE}=${next.textSize}; Path=/; Max-Age=${PREFERENCE_MAX_AGE}; SameSite=Lax`;
  const root = document.documentElement;
  root.removeAttribute('data-theme');
  root.removeAttribute('data-text-size');
  for (const [name, value] of Object.entries(preferenceAttributes(next))) root.setAttribute(name, value);
}

interface PreferencesStore {
  get: () => Preferences;
  subscribe: (listener: () => void) => () => void;
  update: (change: Partial<Preferences>) => void;
}

function createStore(initial: Preferences): PreferencesStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update: (change) => {
      current = { ...current, ...change };
      apply(current);
      listeners.forEach((notify) => notify());
    },
  };
}

const PreferencesContext = createContext(createStore(DEFAULT_PREFERENCES));

/**
 * The context holds a store that never changes, and only the controls subscribe to it. A changed context value
 * would reach every part of the page, including a server-rendered part still waiting for its code (the comments,
 * far down a story), which React would then throw away and render again from scratch.
 */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => {
    const read = typeof document === 'undefined' ? DEFAULT_PREFERENCES : parsePreferences(document.cookie);
    // Most readers keep the defaults: the same object as the server's snapshot then, so hydration has nothing
    // to render again once it is done.
    const unchanged = read.theme === DEFAULT_PREFERENCES.theme && read.textSize === DEFAULT_PREFERENCES.textSize;
    return createStore(unchanged ? DEFAULT_PREFERENCES : read);
  });
  return <PreferencesContext.Provider value={store}>{children}</PreferencesContext.Provider>;
}

export function usePreferences() {
  const store = useContext(PreferencesContext);
  // The server's HTML shows the default state of the controls; hydration matches it, then they show the reader's.
  const preferences = useSyncExternalStore(store.subscribe, store.get, () => DEFAULT_PREFERENCES);
  return { preferences, update: store.update };
}
