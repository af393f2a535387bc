import { useSyncExternalStore } from 'react';

/**
 * localStorage that never throws: private modes, full quotas and disabled storage just mean nothing is kept.
 * Components read it through useStored, which renders "nothing stored" on the server and during hydration,
 * then the stored value, so server and client HTML always agree.
 */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function readRaw(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function parseRaw<T>(raw: string | null, parse: (value: unknown) => T | undefined): T | undefined {
  if (raw === null) return undefined;
  try {
    return parse(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

/** Returns false when the browser refused to keep it. */
export function writeStored(key: string, value: unknown): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    notify();
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key: string): void {
  try {
    window.localStorage.removeItem(key);
    notify();
  } catch {
    // Nothing was kept, so there is nothing to remove.
  }
}

/** The stored value under key, kept current as it changes (in this tab or another). */
export function useStored<T>(key: string | null, parse: (value: unknown) => T | undefined): T | undefined {
  const raw = useSyncExternalStore(
    subscribe,
    () => (key === null ? null : readRaw(key)),
    () => null,
  );
  return parseRaw(raw, parse);
}
