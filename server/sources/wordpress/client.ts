/**
 * Reads a WordPress site's public REST API (/wp-json/wp/v2/) with the global fetch. Lists are streamed a page
 * at a time (per_page=100, X-WP-TotalPages), at most `maxInFlight` requests at once across everything this
 * client does; each request has a timeout and is retried with exponential backoff when the network fails or
 * WordPress answers 5xx, 429 or something that is not JSON. Every request is counted, retries included.
 * Nothing here validates records: callers check each one where it enters (schema.ts), so that one bad post
 * does not lose a page.
 */

export interface WordPressClientOptions {
  /** The site's address, e.g. https://news.example (the REST API is under /wp-json/). */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Attempts after the first, for failures worth retrying. */
  retries?: number;
  /** First backoff; it doubles on each retry. */
  backoffMs?: number;
  maxInFlight?: number;
  /** An editor's application password: used only for previews (drafts, revisions), never for public reads. */
  auth?: { user: string; password: string };
  /**
   * Read scheduled posts (status "future") too, with the application password: the one public read it is sent
   * with, and only when the operator asks (WORDPRESS_READ_SCHEDULED).
   */
  readScheduled?: boolean;
  sleep?: (ms: number) => Promise<void>;
}

export class WordPressError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WordPressError';
  }
}

export const PER_PAGE = 100;

/** Embedded with every post, so a page of posts carries its authors, terms and featured images. */
const POST_EMBEDS = 'author,wp:featuredmedia,wp:term';
const INDEX_FIELDS = 'id,slug,date_gmt,modified_gmt,categories,tags';
const MEDIA_FIELDS = 'id,source_url,alt_text,media_type,caption,media_details';

type Params = Record<string, string | number | undefined>;

interface Answer {
  data: unknown;
  totalPages: number | undefined;
  /** X-WP-Total: how many records the whole list holds. */
  total: number | undefined;
}

/** A count header's value, or undefined when it is missing or not a count (a proxy may strip or mangle it). */
function count(header: string | null): number | undefined {
  const value = header === null ? NaN : Number(header);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A counting semaphore: at most `limit` callers inside at once, the rest wait in order. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export type WordPressClient = ReturnType<typeof createWordPressClient>;

export function createWordPressClient(options: WordPressClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const limit = limiter(options.maxInFlight ?? 4);
  const root = `${options.baseUrl.replace(/\/+$/, '')}/wp-json/wp/v2/`;
  let requests = 0;

  const urlOf = (route: string, params: Params) => {
    const url = new URL(route, root);
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(key, String(value));
    return url.href;
  };

  async function attempt(url: string, authorized: boolean): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (authorized && options.auth) {
      headers.authorization = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
    }
    requests++;
    const response = await doFetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new WordPressError(
        `WordPress answered ${response.status} with something that is not JSON`,
        url,
        response.ok ? 502 : response.status,
      );
    }
    if (!response.ok) {
      const detail = (data as { message?: unknown })?.message;
      throw new WordPressError(
        `WordPress answered ${response.status}${typeof detail === 'string' ? `: ${detail}` : ''}`,
        url,
        response.status,
      );
    }
    return {
      data,
      totalPages: count(response.headers.get('x-wp-totalpages')),
      total: count(response.headers.get('x-wp-total')),
    };
  }

  const worthRetrying = (error: unknown) =>
    !(error instanceof WordPressError) || error.status === undefined || error.status >= 500 || error.status === 429;

  /** One GET, inside the concurrency limit, retried with backoff when that can help. */
  async function get(route: string, params: Params = {}, authorized = false): Promise<Answer> {
    const url = urlOf(route, params);
    for (let tries = 0; ; tries++) {
      try {
        return await limit(() => attempt(url, authorized));
      } catch (error) {
        if (tries >= retries || !worthRetrying(error)) {
          if (error instanceof WordPressError) throw error;
          const reason =
            error instanceof Error && error.name === 'TimeoutError'
              ? `no answer within ${timeoutMs} ms`
              : String((error as Error)?.message ?? error);
          throw new WordPressError(`WordPress could not be reached: ${reason}`, url);
        }
        await sleep(backoffMs * 2 ** tries);
      }
    }
  }

  const asList = (answer: Answer, route: string): unknown[] => {
    if (!Array.isArray(answer.data))
      throw new WordPressError('WordPress answered something that is not a list', urlOf(route, {}));
    return answer.data;
  };

  /**
   * A list, page by page. After the first page has told the number of pages, up to `window` further pages are
   * requested ahead, and pages are yielded in order. Without the header (a proxy may strip it), paging goes on
   * until a page comes back short.
   */
  async function* pages(route: string, params: Params = {}, window = 4, authorized = false): AsyncGenerator<unknown[]> {
    const pageParams = (page: number) => ({ ...params, per_page: PER_PAGE, page });
    const first = await get(route, pageParams(1), authorized);
    const firstList = asList(first, route);
    yield firstList;
    if (first.totalPages === undefined) {
      let list = firstList;
      for (let page = 2; list.length === PER_PAGE; page++) {
        list = asList(await get(route, pageParams(page), authorized), route);
        if (list.length) yield list;
      }
      return;
    }
    const total = first.totalPages;
    const ahead: Promise<Answer>[] = [];
    let next = 2;
    const request = () => {
      const promise = get(route, pageParams(next++), authorized);
      promise.catch(() => undefined); // awaited below; this only keeps an abandoned prefetch from being "unhandled"
      ahead.push(promise);
    };
    while (next <= total && ahead.length < window) request();
    while (ahead.length) {
      const answer = await ahead.shift()!;
      if (next <= total) request();
      yield asList(answer, route);
    }
  }

  /*
   * Asked to, scheduled posts (status "future") are read too, with their date ahead: Byline stores them and shows
   * each at its time (server/scheduling), not when WordPress's own cron next runs. Every list of posts asks for
   * the same statuses, so the counts and the full pass agree with what is stored.
   */
  const scheduled = options.readScheduled === true && options.auth !== undefined;
  const postStatus: Params = scheduled ? { status: 'publish,future' } : {};
  const postPages = (params: Params) => pages('posts', { ...params, ...postStatus }, 4, scheduled);

  return {
    /** Requests made so far, retries included. */
    get requests() {
      return requests;
    },
    get,
    pages,

    /** Published posts with author, terms and featured image embedded; newest change first. */
    posts(query: { modifiedAfter?: string } = {}) {
      return postPages({
        _embed: POST_EMBEDS,
        orderby: 'modified',
        order: 'desc',
        modified_after: query.modifiedAfter,
      });
    },

    /** Published posts by id (a hundred a request), embedded as posts() does. */
    async *postsById(ids: readonly number[]): AsyncGenerator<unknown[]> {
      for (let start = 0; start < ids.length; start += PER_PAGE) {
        const include = ids.slice(start, start + PER_PAGE).join(',');
        yield* postPages({ _embed: POST_EMBEDS, include });
      }
    },

    /**
     * How many posts are published, in one small request (X-WP-Total); undefined when WordPress does not say.
     * Compared with what the store holds, it tells a sync whether anything was removed since the last one.
     */
    async publishedCount(): Promise<number | undefined> {
      return (await get('posts', { _fields: 'id', per_page: 1, ...postStatus }, scheduled)).total;
    },

    /** Every published post, small: the full pass that finds unpublished, trashed and deleted posts. */
    postIndex() {
      return postPages({ _fields: INDEX_FIELDS, orderby: 'id', order: 'asc' });
    },

    /** Approved comments, oldest first (parents before replies), optionally only those dated after a time. */
    comments(query: { after?: string; posts?: readonly number[] } = {}) {
      return pages('comments', { orderby: 'id', order: 'asc', after: query.after, post: query.posts?.join(',') });
    },

    users: () => pages('users', {}),
    categories: () => pages('categories', { _fields: 'id,name,slug,taxonomy' }),
    tags: () => pages('tags', { _fields: 'id,name,slug,taxonomy' }),

    /** Media records by id, a hundred a request. */
    async media(ids: readonly number[]): Promise<unknown[]> {
      const unique = [...new Set(ids)].filter((id) => id > 0);
      const chunks: number[][] = [];
      for (let start = 0; start < unique.length; start += PER_PAGE) chunks.push(unique.slice(start, start + PER_PAGE));
      const answers = await Promise.all(
        chunks.map((chunk) => get('media', { include: chunk.join(','), per_page: PER_PAGE, _fields: MEDIA_FIELDS })),
      );
      return answers.flatMap((answer) => asList(answer, 'media'));
    },

    /** A post in any status, as its editor sees it (needs the application password). */
    async draft(id: number): Promise<unknown> {
      return (await get(`posts/${id}`, { context: 'edit', _embed: POST_EMBEDS }, true)).data;
    },

    /** The newest revision of a post (WordPress lists them newest first), or undefined. */
    async latestRevision(id: number): Promise<unknown> {
      return asList(await get(`posts/${id}/revisions`, { context: 'edit', per_page: 1 }, true), 'revisions')[0];
    },

    /** The newest autosave: where WordPress keeps unsaved changes to a published post that an editor previews. */
    async latestAutosave(id: number): Promise<unknown> {
      return asList(await get(`posts/${id}/autosaves`, { context: 'edit' }, true), 'autosaves')[0];
    },
  };
}
