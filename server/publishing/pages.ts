import { Hono } from 'hono';
import { PageFile, Slug } from '../../src/schema';
import { apiError } from '../http';
import { ContentConflict, type ContentWrites, type Store } from '../store';
import { conflict, documentLimit, readDocument } from './routes';

/**
 * Standing pages through the publishing API, as stories are: `PUT /pages/:slug` with the page file's JSON
 * (422 with field errors, 409 for a page another source owns), `DELETE /pages/:slug` to withdraw it.
 */
export function pagePublishingRoutes(content: ContentWrites, pages: Store['pages'], log: (message: string) => void) {
  const api = new Hono();

  api.put('/pages/:slug', documentLimit, async (c) => {
    const parsed = await readDocument(c, PageFile, 'slug');
    if ('response' in parsed) return parsed.response;
    try {
      const result = await content.upsertPage('api', parsed.data);
      log(`publishing: page ${parsed.data.slug} ${result}`);
      return c.json(await pages.get(parsed.data.slug), result === 'created' ? 201 : 200);
    } catch (error) {
      if (error instanceof ContentConflict) return conflict(c, error);
      throw error;
    }
  });

  api.delete('/pages/:slug', async (c) => {
    const slug = c.req.param('slug');
    try {
      if (!Slug.safeParse(slug).success || !(await content.withdrawPage('api', slug))) {
        return apiError(c, 404, 'not_found', `No page is published at "${slug}"`);
      }
    } catch (error) {
      if (error instanceof ContentConflict) return conflict(c, error);
      throw error;
    }
    log(`publishing: page ${slug} withdrawn`);
    return c.body(null, 204);
  });

  return api;
}
