import { useState } from 'react';
import { ApiRequestError } from './api';

/**
 * The admin token (ADMIN_TOKEN) kept for this browser session, shared by the admin views (moderation, content),
 * so one sign-in serves both. None on the server, which renders the sign-in form.
 */
export const ADMIN_TOKEN_KEY = 'byline:admin-token';

export function storedAdminToken(): string | null {
  try {
    return window.sessionStorage.getItem(ADMIN_TOKEN_KEY);
  } catch {
    return null;
  }
}

export function keepAdminToken(token: string | null) {
  try {
    if (token) window.sessionStorage.setItem(ADMIN_TOKEN_KEY, token);
    else window.sessionStorage.removeItem(ADMIN_TOKEN_KEY);
  } catch {
    // Without session storage the token lasts as long as this page.
  }
}

/** The server refused the token (401 without one, 403 with a wrong one): the view asks for it again. */
export const isAuthError = (error: unknown) =>
  error instanceof ApiRequestError && (error.status === 401 || error.status === 403);

/** The admin views' token: the one kept for this session, and a setter that keeps (or forgets) it there too. */
export function useAdminToken(): [string | null, (token: string | null) => void] {
  const [token, setToken] = useState<string | null>(storedAdminToken);
  const keep = (next: string | null) => {
    keepAdminToken(next);
    setToken(next);
  };
  return [token, keep];
}
