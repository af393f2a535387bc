import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';

export type Theme = 'system' | 'light' | 'dark';

export interface Preferences {
  theme: Theme;
  /** A step in TEXT_SIZES; 1 is the default size. */
  textSize: number;
}

export const TEXT_SIZE_STEPS = 5;
export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', textSize: 1 };

const THEME_COOKIE = 'byline-theme';
const TEXT_COOKIE = 'byline-text-size';

/**
 * Preferences live in cookies, so the server renders the page in the reader's theme and text size from the
 * first byte: no flash of the wrong theme, and no inline script for the strict CSP to refuse.
 */
export function parsePreferences(cookieHeader: string | undefined): Preferences {
  const cookies = new Map(
    (cookieHeader ?? '').split(';').map((part) => {
      const [name = '', ...value] = part.trim().split('=');
      return [name, value.join('=')] as const;
    }),
  );
  const theme = cookies.get(THEME_COOKIE);
  const textSize = Number(cookies.get(TEXT_COOKIE));
  return {
    theme: theme === 'light' || theme === 'dark' ? theme : 'system',
    textSize: Number.isInteger(textSize) && textSize >= 0 && textSize < TEXT_SIZE_STEPS ? textSize : 1,
  };
}

/** The attributes the <html> element carries for these preferences. */
export function preferenceAttributes({ theme, textSize }: Preferences): Record<string, string> {
  return {
    ...(theme === 'system' ? {} : { 'data-theme': theme }),
    ...(textSize === DEFAULT_PREFERENCES.textSize ? {} : { 'data-text-size': String(textSize) }),
  };
}

function apply(next: Preferences) {
  const year = 60 * 60 * 24 * 365;
  document.cookie = `${THEME_COOKIE}=${next.theme}; Path=/; Max-Age=${year}; SameSite=Lax`;
  document.cookie = `${TEXT_COOKIE}=${next.textSize}; Path=/; Max-Age=${year}; SameSite=Lax`;
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
export function PreferencesProvider({ initial, children }: { initial: Preferences; children: ReactNode }) {
  const [store] = useState(() => createStore(initial));
  return <PreferencesContext.Provider value={store}>{children}</PreferencesContext.Provider>;
}

export function usePreferences() {
  const store = useContext(PreferencesContext);
  return { preferences: useSyncExternalStore(store.subscribe, store.get, store.get), update: store.update };
}
