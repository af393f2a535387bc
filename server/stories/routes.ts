import { Hono, type Context } from 'hono';
import { Slug } from '../../src/schema';
import { apiError } from '../http/answers';
import type { CachedJson } from '../http/answerCache';
import { CursorError, decodeStoryCursor } from '../store';
import type { Store } from '../store';

const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 12;

/** Story data changes only when content is published: caches may keep it a minute and serve it stale for ten. */
const STORY_CACHE = 'public, max-age=60, stale-while-revalidate=600';

export function storyRoutes(stories: Store['stories'], cachedJson: CachedJson) {
  const api = new Hono();

  /** Reads ?limit and ?cursor, answering 400 for values this API does not accept and 404 when read finds nothing. */
  async function paged(
    c: Context,
    read: (page: { limit: number; cursor?: string }) => Promise<Response | undefined>,
    missing = 'Nothing is published here',
  ) {
    const rawLimit = c.req.query('limit');
    const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return apiError(c, 400, 'bad_request', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    try {
      const cursor = c.req.query('cursor') || undefined;
      // Checked before the cache is asked: a made-up cursor costs no query and makes no entry.
      if (cursor) decodeStoryCursor(cursor);
      return (await read({ limit, cursor })) ?? apiError(c, 404, 'not_found', missing);
    } catch (error) {
      if (error instanceof CursorError) return apiError(c, 400, 'bad_request', error.message);
      throw error;
    }
  }

  api.get('/stories', (c) => paged(c, (page) => cachedJson(c, STORY_CACHE, () => stories.list(page), page)));

  api.get(
    '/sections',
    async (c) => (await cachedJson(c, STORY_CACHE, async () => ({ sections: await stories.sections() })))!,
  );

  api.get('/sections/:section', (c) =>
    paged(
      c,
      (page) => cachedJson(c, STORY_CACHE, () => stories.section(c.req.param('section'), page), page),
      `No section is called "${c.req.param('section')}"`,
    ),
  );

  api.get('/stories/:slug', async (c) => {
    const slug = c.req.param('slug');
    if (!Slug.safeParse(slug).success) return apiError(c, 400, 'bad_request', 'That is not a valid story address');
    return (
      (await cachedJson(c, STORY_CACHE, () => stories.story(slug))) ??
      apiError(c, 404, 'not_found', `No story is published at "${slug}"`)
    );
  });

  api.get('/authors/:id', async (c) => {
    const id = c.req.param('id');
    if (!Slug.safeParse(id).success) return apiError(c, 400, 'bad_request', 'That is not a valid author address');
    return paged(
      c,
      (page) => cachedJson(c, STORY_CACHE, () => stories.author(id, page), page),
      `No author has the id "${id}"`,
    );
  });

  return api;
}
