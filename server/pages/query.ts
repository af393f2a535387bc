import { decodeCommentCursor, decodeSearchCursor, decodeStoryCursor } from '../store';
import { SEARCH_PARAMS } from '../search';

/** Pages whose list continues at `?cursor=` (a story-list cursor): the front page, a section, an author, a tag. */
const LIST_PAGE = /^\/(?:(?:sections|authors|tags)\/[^/]+\/?)?$/;
/** A story page: its comments continue at `?cursor=` (a comment cursor), and `?replytocom=` opens a reply. */
const STORY_PAGE = /^\/stories\/[^/]+\/?$/;
/** The search page: its query and filters as given (the API checks them), its results continue at `?cursor=`. */
const SEARCH_PAGE = /^\/search\/?$/;

export type PageAddress = { url: string } | { problem: string };

/**
 * The page's address as the cache knows it: the path and only the parameters that page reads, each in its one
 * spelling, in a fixed order; anything else (utm_source, a cursor on a page without a list) makes no new
 * entry. A value the page cannot read (a made-up cursor) is a problem to answer with a 400, before any render.
 */
export function pageAddress(requestUrl: string): PageAddress {
  const url = new URL(requestUrl);
  const path = url.pathname;
  const params = new URLSearchParams();
  const cursor = url.searchParams.get('cursor') ?? '';
  try {
    if (LIST_PAGE.test(path)) {
      if (cursor) decodeStoryCursor(cursor);
      if (cursor) params.set('cursor', cursor);
    } else if (SEARCH_PAGE.test(path)) {
      if (cursor) decodeSearchCursor(cursor);
      for (const name of SEARCH_PARAMS) {
        const value = url.searchParams.get(name);
        if (value) params.set(name, value);
      }
    } else if (STORY_PAGE.test(path)) {
      const afterId = decodeCommentCursor(cursor);
      if (afterId) params.set('cursor', String(afterId));
      const reply = url.searchParams.get('replytocom') ?? '';
      if (reply) {
        const id = Number(reply);
        if (!/^\d+$/.test(reply) || !Number.isSafeInteger(id) || id < 1) {
          return { problem: 'The comment to reply to (replytocom) must be a comment’s number.' };
        }
        params.set('replytocom', String(id));
      }
      // A live story's entries are paged at `?page=` (src/features/live); page 1 is the page without it.
      const page = url.searchParams.get('page') ?? '';
      if (page && page !== '1') {
        if (!/^\d{1,9}$/.test(page) || Number(page) < 1) {
          return { problem: 'The page of updates (page) must be a whole number from 1.' };
        }
        params.set('page', String(Number(page)));
      }
    }
  } catch (error) {
    return { problem: (error as Error).message };
  }
  const search = params.toString();
  return { url: path + (search ? `?${search}` : '') };
}
