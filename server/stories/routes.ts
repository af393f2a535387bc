import { Hono, type Context } from 'hono';
import { Slug } from '../../src/schema';
import { changeKey, shownKeys, surrogateKeyHeaders, type ChangeKey } from '../changes';
import { apiError } from '../http';
import type { CachedJson } from '../http';
import { CursorError, decodeStoryCursor } from '../store';
import type { Store } from '../store';
import { sectionNames } from './sectionNames';

const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 12;

/** Story data changes only when content is published: caches may keep it a minute and serve it stale for ten. */
const STORY_CACHE = 'public, max-age=60, stale-while-revalidate=600';

/** A 404 tagged with the key whose change would end it, so a page rendered from it is purged by that change. */
const notFound = (c: Context, message: string, keys: ChangeKey[]) =>
  apiError(c, 404, 'not_found', message, { headers: surrogateKeyHeaders(keys) });

export function storyRoutes(stories: Store['stories'], cachedJson: CachedJson) {
  const api = new Hono();

  /** Reads ?limit and ?cursor, answering 400 for values this API does not accept and 404 when read finds nothing. */
  async function paged(
    c: Context,
    read: (page: { limit: number; cursor?: string }) => Promise<Response | undefined>,
    missing: { message: string; keys: ChangeKey[] },
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
      return (await read({ limit, cursor })) ?? notFound(c, missing.message, missing.keys);
    } catch (error) {
      if (error instanceof CursorError) return apiError(c, 400, 'bad_request', error.message);
      throw error;
    }
  }

  // Each answer declares the keys of what it shows; a page rendered from it carries them (server/pages/serve.ts).
  api.get('/stories', (c) =>
    paged(
      c,
      (page) =>
        cachedJson(c, {
          cacheControl: STORY_CACHE,
          produce: () => stories.list(page),
          keys: (list) => [changeKey.front, ...shownKeys.summaries(list.stories)],
          query: page,
        }),
      { message: 'Nothing is published here', keys: [changeKey.front] },
    ),
  );

  api.get(
    '/sections',
    async (c) =>
      (await cachedJson(c, {
        cacheControl: STORY_CACHE,
        produce: async () => ({ sections: await stories.sections() }),
        keys: () => [changeKey.front],
      }))!,
  );

  api.get(
    '/section-names',
    async (c) =>
      (await cachedJson(c, {
        cacheControl: STORY_CACHE,
        produce: async () => ({ sections: await sectionNames(stories) }),
        keys: () => [changeKey.sections],
      }))!,
  );

  api.get('/sections/:section', (c) => {
    const section = c.req.param('section');
    return paged(
      c,
      (page) =>
        cachedJson(c, {
          cacheControl: STORY_CACHE,
          produce: () => stories.section(section, page),
          keys: (list) => [changeKey.section(section), ...shownKeys.summaries(list.stories)],
          query: page,
        }),
      { message: `No section is called "${section}"`, keys: [changeKey.section(section)] },
    );
  });

  api.get('/tags/:tag', (c) => {
    const tag = c.req.param('tag');
    if (!Slug.safeParse(tag).success) return apiError(c, 400, 'bad_request', 'That is not a valid tag address');
    return paged(
      c,
      (page) =>
        cachedJson(c, {
          cacheControl: STORY_CACHE,
          produce: () => stories.tag(tag, page),
          keys: (list) => [changeKey.tag(tag), ...shownKeys.summaries(list.stories)],
          query: page,
        }),
      { message: `No published story has the tag "${tag}"`, keys: [changeKey.tag(tag)] },
    );
  });

  api.get('/stories/:slug', async (c) => {
    const slug = c.req.param('slug');
    if (!Slug.safeParse(slug).success) return apiError(c, 400, 'bad_request', 'That is not a valid story address');
    return (
      (await cachedJson(c, { cacheControl: STORY_CACHE, produce: () => stories.story(slug), keys: shownKeys.story })) ??
      notFound(c, `No story is published at "${slug}"`, [changeKey.story(slug)])
    );
  });

  api.get('/authors/:id', async (c) => {
    const id = c.req.param('id');
    if (!Slug.safeParse(id).success) return apiError(c, 400, 'bad_request', 'That is not a valid author address');
    return paged(
      c,
      (page) =>
        cachedJson(c, {
          cacheControl: STORY_CACHE,
          produce: () => stories.author(id, page),
          keys: (list) => [changeKey.author(id), ...shownKeys.summaries(list.stories)],
          query: page,
        }),
      { message: `No author has the id "${id}"`, keys: [changeKey.author(id)] },
    );
  });

  return api;
}
