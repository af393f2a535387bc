import { Hono } from 'hono';
import { parseVariantUrl } from '../../src/schema';
import { changeKey, surrogateKeyHeaders } from '../changes';
import type { ImageService } from './service';

/** Seconds an AVIF address may be kept while it still answers with WebP: the AVIF is usually made by then. */
const STAND_IN_SECONDS = 60;
/** Seconds a redirect to the original (or to a source's newer version) may be kept. */
const REDIRECT_SECONDS = 300;

/** GET /img/<hash8>/<width>.<format>?src=…: one variant (src/schema/imageVariants.ts spells the address). */
export function imageRoutes(service: ImageService) {
  const routes = new Hono();
  routes.get('/img/:hash/:file', async (c) => {
    const request = parseVariantUrl(c.req.path, c.req.query('src'));
    if (!request) return c.text('No such image variant', 404, { 'Cache-Control': 'public, max-age=60' });
    const answer = await service.variant(request);
    const keys = surrogateKeyHeaders([changeKey.image(request.src)]);
    if (answer.status === 404) return c.text('No such image', 404, { 'Cache-Control': 'public, max-age=60', ...keys });
    if (answer.status === 302) {
      c.header('Cache-Control', `public, max-age=${REDIRECT_SECONDS}`);
      for (const [name, value] of Object.entries(keys)) c.header(name, value);
      return c.redirect(answer.location, 302);
    }
    return c.body(new Uint8Array(answer.bytes), 200, {
      // Named by the address and the format of the bytes sent (a stand-in WebP differs from the AVIF to come):
      // the app's ETag middleware then keeps it rather than hashing every image it serves.
      ETag: `W/"${request.hash}-${request.width}-${answer.type.slice('image/'.length)}"`,
      'Content-Type': answer.type,
      'Cache-Control': answer.immutable ? 'public, max-age=31536000, immutable' : `public, max-age=${STAND_IN_SECONDS}`,
      ...keys,
    });
  });
  // The content folder's own images (a story's "/images/…" file); the built site's are served as assets.
  routes.get('/images/*', async (c, next) => {
    const original = await service.original(c.req.path);
    if (!original) return next();
    return c.body(new Uint8Array(original.bytes), 200, {
      'Content-Type': original.type,
      'Cache-Control': 'public, max-age=3600',
      ...surrogateKeyHeaders([changeKey.image(c.req.path)]),
    });
  });
  return routes;
}
