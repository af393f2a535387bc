import type { DehydratedState } from '@tanstack/react-query';
import type { Preferences } from '../lib/preferences';

/** What the server hands the browser inside the page: the query cache it rendered from, and the site origin. */
export interface PageState {
  origin: string;
  queries: DehydratedState;
  preferences: Preferences;
  /** When the server rendered the page (ms since the epoch). */
  renderedAt: number;
}

export const PAGE_STATE_ID = 'byline-state';
