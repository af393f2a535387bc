import type { QueryKey } from '@tanstack/react-query';
import type { FormState } from '../schema/render';
import type { Site } from '../schema/site';

/** What the server hands the browser inside the page: the query cache it rendered from, and the site origin. */
export interface PageState {
  origin: string;
  /** The site's identity (content/site.json), which the header, titles and meta tags show. */
  site: Site;
  /**
   * The data the page rendered from, query by query. Only successful answers travel; the browser puts them in
   * its cache with their fetch time (a few lines instead of the library's general hydration code).
   */
  queries: { key: QueryKey; data: unknown; fetchedAt: number }[];
  /** What the page found missing (404): the browser knows it too, and does not ask again. */
  missing?: { key: QueryKey; message: string }[];
  /** The outcome of a form the reader posted without JavaScript (such a page is never cached). */
  form?: FormState;
}

export const PAGE_STATE_ID = 'byline-state';
