import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNSTORABLE_MESSAGE } from '../../src/schema';
import { createTestApp } from '../helpers/app';

/**
 * The no-JavaScript forms under abuse, in-process against the real app with the built renderer (dist/, so this
 * runs in the e2e project after `npm run build`) on a real SQLite file.
 */
const distDir = join(import.meta.dirname, '..', '..', 'dist');

const connection = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&#x27;');

describe('the page forms under abuse', () => {
  it('gives the form back with the text kept and the error beside it for a NUL in the comment (issue 21 row 10)', async () => {
    const { app, content } = createTestApp({ config: { distDir, commentFloodSeconds: 0 } });
    const slug = content.stories[0]!.slug;
    const typed = 'Words I typed before the null \u0000 and after it.';
    const response = await app.request(
      `/stories/${slug}`,
      form({ comment: typed, name: 'Nora', email: 'nora@example.com' }),
      connection('198.51.100.7'),
    );
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(escapeHtml(UNSTORABLE_MESSAGE));
    // The field points at its error, and the words around the refused character are all there.
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(html).toContain('Words I typed before the null ');
    expect(html).toContain(' and after it.');
    expect(html).toContain('value="Nora"');
  });

  it('answers 429 with Retry-After and no-store once one address sends more forms a minute than the limit (issue 21 row 12)', async () => {
    const renders: string[] = [];
    const { app, content } = createTestApp({
      config: { distDir, commentFloodSeconds: 0, formRatePerMinute: 5 },
      onRender: (url) => renders.push(url),
    });
    const slug = content.stories[0]!.slug;
    const flooder = '203.0.113.9';
    const invalid = () =>
      app.request(`/stories/${slug}`, form({ comment: '', name: '', email: 'x' }), connection(flooder));
    for (let i = 0; i < 5; i++) expect((await invalid()).status).toBe(422);
    const rendered = renders.length;

    for (const request of [
      invalid,
      () => app.request('/preferences', form({ theme: 'dark', back: '/' }), connection(flooder)),
    ]) {
      const refused = await request();
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(await refused.text()).toContain(`Please wait ${wait} seconds`);
    }
    // Refused before any render.
    expect(renders.length).toBe(rendered);

    // Another reader's form is still answered.
    const other = await app.request(
      `/stories/${slug}`,
      form({ comment: '', name: 'Ola', email: 'ola@example.com' }),
      connection('203.0.113.10'),
    );
    expect(other.status).toBe(422);
  });

  it('has no limit with formRatePerMinute 0', async () => {
    const { app } = createTestApp({ config: { distDir, formRatePerMinute: 0 } });
    for (let i = 0; i < 40; i++) {
      const answer = await app.request('/preferences', form({ theme: 'dark', back: '/' }), connection('203.0.113.11'));
      expect(answer.status).toBe(303);
    }
  });

  it('answers 429 to an address past its renders a minute, while cached pages still reach it and others (issue 21 row 12)', async () => {
    const renders: string[] = [];
    const { app, content } = createTestApp({
      config: { distDir, renderRatePerMinute: 3 },
      onRender: (url) => renders.push(url),
    });
    const slug = content.stories[0]!.slug;
    const greedy = '203.0.113.20';
    const get = (path: string, ip = greedy) => app.request(path, { headers: { accept: 'text/html' } }, connection(ip));
    for (const cursor of ['1', '2', '3']) expect((await get(`/stories/${slug}?cursor=${cursor}`)).status).toBe(200);
    expect(renders).toHaveLength(3);

    const refused = await get(`/stories/${slug}?cursor=4`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await refused.text()).toContain('Please wait');
    expect(renders).toHaveLength(3);

    // What the cache holds is still served to this address, and another address gets the new page rendered.
    expect((await get(`/stories/${slug}?cursor=1`)).status).toBe(200);
    const other = await get(`/stories/${slug}?cursor=4`, '203.0.113.21');
    expect(other.status).toBe(200);
    expect(renders).toHaveLength(4);
    // Once rendered for someone, the page is cached for the refused address too.
    expect((await get(`/stories/${slug}?cursor=4`)).status).toBe(200);
  });
});
