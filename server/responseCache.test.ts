import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/helpers/app';

const TOKEN = 'cache-test-token-0123456789abcde';

describe('cached API answers', () => {
  it('serve the same tagged answer, compressed as asked, until an approval changes what readers see', async () => {
    const { app, content } = createTestApp({ config: { adminToken: TOKEN, commentFloodSeconds: 0 } });
    const slug = content.stories[0]!.slug;
    const path = `/api/stories/${slug}`;

    const plain = await app.request(path);
    const tag = plain.headers.get('etag');
    const body = await plain.text();
    expect(JSON.parse(body).commentCount).toBe(0);

    const br = await app.request(path, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('etag')).toBe(tag);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(body);
    const gzip = await app.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(body);
    expect((await app.request(path, { headers: { 'If-None-Match': tag! } })).status).toBe(304);

    // A pending comment changes nothing readers see; its approval does, at once.
    const posted = await app.request(`/api/stories/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Worth caching?', name: 'Cato', email: 'cato@example.com' }),
    });
    const { comment } = (await posted.json()) as { comment: { id: number } };
    expect((await app.request(path)).headers.get('etag')).toBe(tag);
    const comments = await app.request(`/api/stories/${slug}/comments`);
    expect(((await comments.json()) as { total: number }).total).toBe(0);

    await app.request(`/api/admin/comments/${comment.id}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const after = await app.request(path, { headers: { 'If-None-Match': tag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(tag);
    expect(((await after.json()) as { commentCount: number }).commentCount).toBe(1);
    const listed = await app.request(`/api/stories/${slug}/comments`);
    expect(((await listed.json()) as { total: number }).total).toBe(1);
  });
});
