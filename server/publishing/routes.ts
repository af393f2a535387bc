import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { AuthorFile, LiveEntryInput, Slug, StoryFile } from '../../src/schema';
import { apiError } from '../http';
import { formatPath } from '../content';
import { ContentConflict, ContentInvalid, type ContentWrites, type Store } from '../store';

/** A story with many blocks stays far below this; an upload that is not a story does not. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

type Parsed<T> = { data: T } | { response: Response };

/** Field errors keyed by JSON path ("body[3].src"), the first message for each, as content faults are reported. */
function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[formatPath(issue.path) || '(document)'] ??= issue.message;
  return fields;
}

export async function readDocument<T>(c: Context, schema: z.ZodMiniType<T>, key: 'slug' | 'id'): Promise<Parsed<T>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    return {
      response: apiError(
        c,
        415,
        'unsupported_media_type',
        'Send the document as JSON (Content-Type: application/json).',
      ),
    };
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (error) {
    return {
      response: apiError(c, 400, 'bad_request', `The request body is not valid JSON: ${(error as Error).message}`),
    };
  }
  const parsed = schema.safeParse(body);
  const fields = parsed.success ? {} : fieldErrors(parsed.error.issues);
  const inPath = c.req.param(key)!;
  if (!Slug.safeParse(inPath).success) fields[key] ??= `The address ends in "${inPath}", which is not a valid ${key}`;
  else if (parsed.success && (parsed.data as Record<string, unknown>)[key] !== inPath) {
    fields[key] =
      `The ${key} "${String((parsed.data as Record<string, unknown>)[key])}" must match the address ("${inPath}")`;
  }
  if (!parsed.success || Object.keys(fields).length > 0) {
    return { response: apiError(c, 422, 'invalid', 'The document needs attention; see fields.', { fields }) };
  }
  return { data: parsed.data };
}

export const conflict = (c: Context, error: ContentConflict) => apiError(c, 409, 'conflict', error.message);

/** The answer for what a content write refused, or undefined for an error that is not the sender's. */
function refused(c: Context, error: unknown, invalid: string) {
  if (error instanceof ContentInvalid) return apiError(c, 422, 'invalid', invalid, { fields: error.fields });
  if (error instanceof ContentConflict) return conflict(c, error);
  return undefined;
}

/** A document's size limit: every PUT and POST of a document goes through it. */
export const documentLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => apiError(c, 413, 'too_large', `A document can be at most ${MAX_BODY_BYTES / 1024 / 1024} MiB.`),
});

const noStory = (c: Context, slug: string) => apiError(c, 404, 'not_found', `No story is published at "${slug}"`);

/**
 * The publishing API for a CMS or a script (behind the admin token): stories and authors sent as the same JSON
 * as content files. What it publishes is stored in the database, never in CONTENT_DIR, so it survives restarts
 * and no file is overwritten. A live story or author belongs to the source that published it: the API answers
 * 409 for one a content file publishes, and the file sync leaves the API's alone.
 */
export function publishingRoutes(
  content: ContentWrites,
  stories: Store['stories'],
  log: (message: string) => void,
  schedule: Store['schedule'],
) {
  const api = new Hono();
  const limit = documentLimit;

  api.put('/stories/:slug', limit, async (c) => {
    const parsed = await readDocument(c, StoryFile, 'slug');
    if ('response' in parsed) return parsed.response;
    try {
      const result = await content.upsertStory('api', parsed.data);
      log(`publishing: story ${parsed.data.slug} ${result}`);
      // A story dated ahead is answered too: its editor sees what readers will see at its time.
      const story = await stories.story(parsed.data.slug, { scheduled: true });
      return c.json(story, result === 'created' ? 201 : 200);
    } catch (error) {
      if (error instanceof ContentInvalid) {
        return apiError(c, 422, 'invalid', 'The story names what does not exist; see fields.', {
          fields: error.fields,
        });
      }
      if (error instanceof ContentConflict) return conflict(c, error);
      throw error;
    }
  });

  /** What waits for its time, soonest first: the one status editors ask for, named so others can follow. */
  api.get('/stories', async (c) => {
    const status = c.req.query('status');
    if (status !== 'scheduled') {
      return apiError(c, 400, 'bad_request', 'Ask for ?status=scheduled: the stories dated ahead.', {
        fields: { status: status === undefined ? 'status is required' : `Unknown status "${status}"` },
      });
    }
    return c.json({ stories: await schedule.scheduled() });
  });

  api.delete('/stories/:slug', async (c) => {
    const slug = c.req.param('slug');
    try {
      if (!Slug.safeParse(slug).success || !(await content.withdrawStory('api', slug))) {
        return apiError(c, 404, 'not_found', `No story is published at "${slug}"`);
      }
    } catch (error) {
      if (error instanceof ContentConflict) return conflict(c, error);
      throw error;
    }
    log(`publishing: story ${slug} withdrawn`);
    return c.body(null, 204);
  });

  /** POST adds a new entry (409 if the id is taken), PUT adds or replaces one; both answer with the entry. */
  const writeEntry = (mode: 'create' | 'put') => async (c: Context) => {
    const slug = c.req.param('slug')!;
    if (!Slug.safeParse(slug).success) return noStory(c, slug);
    const parsed = await readDocument(c, LiveEntryInput, 'id');
    if ('response' in parsed) return parsed.response;
    try {
      const written = await content.putEntry('api', slug, parsed.data, mode);
      if (written === undefined) return noStory(c, slug);
      if (written === 'exists') {
        return apiError(
          c,
          409,
          'exists',
          `The story "${slug}" already has an entry "${parsed.data.id}"; PUT replaces it.`,
        );
      }
      log(`publishing: entry ${slug}/${parsed.data.id} ${written.result}`);
      return c.json(written.entry, written.result === 'created' ? 201 : 200);
    } catch (error) {
      const answer = refused(c, error, 'The entry cannot be added to this story; see fields.');
      if (answer) return answer;
      throw error;
    }
  };
  api.post('/stories/:slug/entries/:id', limit, writeEntry('create'));
  api.put('/stories/:slug/entries/:id', limit, writeEntry('put'));

  api.delete('/stories/:slug/entries/:id', async (c) => {
    const { slug, id } = c.req.param();
    try {
      if (!Slug.safeParse(slug).success || !(await content.removeEntry('api', slug, id))) {
        return apiError(c, 404, 'not_found', `The story "${slug}" has no entry "${id}"`);
      }
    } catch (error) {
      const answer = refused(c, error, 'This story has no entries to remove; see fields.');
      if (answer) return answer;
      throw error;
    }
    log(`publishing: entry ${slug}/${id} removed`);
    return c.body(null, 204);
  });

  /** Ends a live story's coverage: its page stops asking for updates and says when it ended. */
  api.post('/stories/:slug/end', async (c) => {
    const slug = c.req.param('slug');
    try {
      if (!Slug.safeParse(slug).success || !(await content.endLive('api', slug))) return noStory(c, slug);
    } catch (error) {
      const answer = refused(c, error, 'Only a live story can be ended; see fields.');
      if (answer) return answer;
      throw error;
    }
    log(`publishing: story ${slug} live coverage ended`);
    return c.json(await stories.story(slug));
  });

  api.put('/authors/:id', limit, async (c) => {
    const parsed = await readDocument(c, AuthorFile, 'id');
    if ('response' in parsed) return parsed.response;
    try {
      const result = await content.upsertAuthor('api', parsed.data);
      log(`publishing: author ${parsed.data.id} ${result}`);
      const { $schema: _ignored, ...author } = parsed.data;
      return c.json(author, result === 'created' ? 201 : 200);
    } catch (error) {
      if (error instanceof ContentConflict) return conflict(c, error);
      throw error;
    }
  });

  return api;
}
