import type { Context, Hono } from 'hono';
import type { Story } from '../../../src/schema';
import { readingMinutes } from '../../content';
import type { WordPressClient } from './client';
import { verifyPreview } from './preview';
import { loadPreview } from './previewStory';

/**
 * What the preview needs of the page renderer (server/pages/serve.ts provides it): pages sit above the sources,
 * so the renderer is handed in rather than imported.
 */
export interface PreviewRenderer {
  sendPreviewPage(c: Context, url: string, answer: (path: string) => unknown): Promise<Response>;
}

export interface PreviewOptions {
  client: WordPressClient;
  secret: string;
  /** The page renderer, once the app has it (this route is registered before the pages' catch-all). */
  pages: () => PreviewRenderer | undefined;
  log: (line: string) => void;
  now?: () => number;
}

const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex, nofollow' };

/**
 * /preview/<post id>?token=…: an editor's draft, or the unpublished changes to a published post, in Byline's own
 * page. The token (signed by the WordPress plugin with the shared secret) is checked before anything is fetched;
 * what WordPress answers is converted and validated like any post, and never enters the store.
 */
export function previewRoutes(app: Hono, { client, secret, pages, log, now = Date.now }: PreviewOptions) {
  app.get('/preview/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const refuse = (status: 400 | 403 | 502 | 503, message: string) => c.text(message, status, PRIVATE);
    if (!Number.isSafeInteger(id) || id < 1)
      return refuse(400, 'A preview address names a WordPress post by its number.');
    const check = verifyPreview(c.req.query('token') ?? '', id, now(), secret);
    if (check === 'expired') {
      return refuse(403, 'This preview link has expired. Press Preview in WordPress again for a new one.');
    }
    if (check !== 'ok') return refuse(403, 'This preview link is not valid. Open the preview from WordPress.');

    const renderer = pages();
    if (!renderer) return refuse(503, 'Previews need the built app (npm run build).');
    const preview = await loadPreview(client, id);
    if (!preview.ok) {
      log(`wordpress: preview of post ${id} failed: ${preview.reason}`);
      return refuse(502, 'WordPress did not give us this post to preview. Try again in a moment.');
    }
    const { story: file, author } = preview;
    const { authorId: _authorId, $schema: _schema, ...fields } = file as typeof file & { $schema?: string };
    const story: Story = {
      ...fields,
      excerpt: file.excerpt ?? file.standfirst ?? '',
      author,
      related: [],
      readingMinutes: readingMinutes(file.body),
      commentCount: 0,
    };
    const slug = file.slug;
    return renderer.sendPreviewPage(c, `/stories/${slug}`, (path) => {
      if (path === `/api/stories/${slug}`) return story;
      if (path === `/api/stories/${slug}/comments`) return { comments: [], nextCursor: null, total: 0 };
      return undefined;
    });
  });
}
