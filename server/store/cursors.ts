/**
 * The two kinds of cursor Byline issues, read in one place: the API and the pages refuse the same strings, so
 * a made-up cursor is a 400 before any query or render, and no cache gets an entry for it.
 */
export class CursorError extends Error {
  constructor() {
    super('The cursor is not one this server issued; start from the first page (no cursor).');
  }
}

/**
 * Story lists: base64url of the last item's sort key, `<published_at>|<slug>`. Only the canonical spelling is
 * accepted (base64url decoding skips stray characters), so one position has one cursor and one cache key.
 */
export function decodeStoryCursor(cursor: string): { publishedAt: string; slug: string } {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [publishedAt, slug, extra] = decoded.split('|');
  if (
    !publishedAt ||
    !slug ||
    extra !== undefined ||
    Number.isNaN(Date.parse(publishedAt)) ||
    Buffer.from(decoded).toString('base64url') !== cursor
  ) {
    throw new CursorError();
  }
  return { publishedAt, slug };
}

/** Comment lists: the id of the last comment shown, digits only (empty: the first page, 0). */
export function decodeCommentCursor(cursor: string): number {
  const afterId = cursor === '' ? 0 : Number(cursor);
  if (!/^\d*$/.test(cursor) || !Number.isSafeInteger(afterId)) throw new CursorError();
  return afterId;
}

/** The deepest search result a cursor reaches: relevance ranks fade long before, and deep offsets cost. */
export const SEARCH_DEPTH = 500;

/**
 * Search results, ranked by relevance (which has no stable key to resume after): base64url of `r<offset>`,
 * canonical spelling only, at most SEARCH_DEPTH.
 */
export function decodeSearchCursor(cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(decoded.slice(1));
  if (
    !/^r[1-9]\d{0,5}$/.test(decoded) ||
    offset > SEARCH_DEPTH ||
    Buffer.from(decoded).toString('base64url') !== cursor
  ) {
    throw new CursorError();
  }
  return offset;
}

export const encodeSearchCursor = (offset: number) => Buffer.from(`r${offset}`).toString('base64url');
