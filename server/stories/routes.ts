import { Hono, type Context } from 'hono';
import { Slug } from '../../src/schema';
import { apiError } from '../http';
import { CursorError, type StoryRepository } from './repository';

const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 12;

/** Story data changes only when content is published: caches may keep it a minute and serve it stale for ten. */
const STORY_CACHE = 'public, max-age=60, stale-while-revalidate=600';

export function storyRoutes(stories: StoryRepository) {
  const api = new Hono();

  /** Reads ?limit and ?cursor, answering 400 for values this API does not accept. */
  function paged(c: Context, read: (page: { limit: number; cursor?: string }) => Response) {
    const rawLimit = c.req.query('limit');
    const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return apiError(c, 400, 'bad_request', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    try {
      return read({ limit, cursor: c.req.query('cursor') || undefined });
    } catch (error) {
      if (error instanceof CursorError) return apiError(c, 400, 'bad_request', error.message);
      throw error;
    }
  }

  api.get('/stories', (c) =>
    paged(c, (page) => {
      c.header('Cache-Control', STORY_CACHE);
      return c.json(stories.list(page));
    }),
  );

  api.get('/sections', (c) => {
    c.header('Cache-Control', STORY_CACHE);
    return c.json({ sections: stories.sections() });
  });

  api.get('/sections/:section', (c) =>
    paged(c, (page) => {
      const found = stories.section(c.req.param('section'), page);
      if (!found) return apiError(c, 404, 'not_found', `No section is called "${c.req.param('section')}"`);
      c.header('Cache-Control', STORY_CACHE);
      return c.json(found);
    }),
  );

  api.get('/stories/:slug', (c) => {
    const slug = c.req.param('slug');
    if (!Slug.safeParse(slug).success) return apiError(c, 400, 'bad_request', 'That is not a valid story address');
    const story = stories.story(slug);
    if (!story) return apiError(c, 404, 'not_found', `No story is published at "${slug}"`);
    c.header('Cache-Control', STORY_CACHE);
    return c.json(story);
  });

  api.get('/authors/:id', (c) => {
    const id = c.req.param('id');
    if (!Slug.safeParse(id).success) return apiError(c, 400, 'bad_request', 'That is not a valid author address');
    const page = stories.author(id);
    if (!page) return apiError(c, 404, 'not_found', `No author has the id "${id}"`);
    c.header('Cache-Control', STORY_CACHE);
    return c.json(page);
  });

  return api;
}
