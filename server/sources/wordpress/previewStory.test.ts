import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createWordPressClient } from './client';
import { loadPreview } from './previewStory';
import { startTestServer, type TestServer } from '../../../test/doubles/wordpress/testServer';

const draft = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/wordpress-sample/draft-12-edit.json', import.meta.url), 'utf8'),
);
const published = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/wordpress-sample/posts-embedded.json', import.meta.url), 'utf8'),
)[0];

let server: TestServer | undefined;
afterEach(() => server?.close());

const clientFor = async (routes: Record<string, unknown>) => {
  server = await startTestServer((url) => {
    const route = url.pathname.replace('/wp-json/wp/v2/', '');
    return route in routes
      ? { body: routes[route] }
      : { status: 404, body: { code: 'rest_post_invalid_id', message: 'Invalid post ID.' } };
  });
  return createWordPressClient({
    baseUrl: server.baseUrl,
    auth: { user: 'admin', password: 'app pass' },
    sleep: async () => undefined,
  });
};

describe('loadPreview', () => {
  it('renders a draft (real edit-context response) as a story, without related stories', async () => {
    const client = await clientFor({ 'posts/12': draft });
    const preview = await loadPreview(client, 12);
    expect(preview).toMatchObject({
      ok: true,
      status: 'draft',
      story: {
        slug: 'draft-not-published',
        headline: 'Harbour dues for next year (not yet checked)',
        standfirst: 'The figures in this draft have not been checked with the harbour office yet.',
        authorId: 'wp-nell-garrow',
        section: 'Quay',
      },
    });
    expect(preview.ok && 'related' in preview.story).toBe(false);
    expect(server?.authorizations.every(Boolean)).toBe(true);
  });

  it('shows the newest autosave or revision of a published post over it', async () => {
    const newer = {
      id: 50,
      parent: 4,
      modified_gmt: '2026-11-29T08:00:00',
      title: { rendered: 'Lamps relit: an update' },
      content: { rendered: '<p>Changed text.</p>' },
    };
    const older = { ...newer, id: 49, modified_gmt: '2026-11-21T12:30:00', title: { rendered: 'Old' } };
    const client = await clientFor({
      'posts/4': published,
      'posts/4/autosaves': [newer],
      'posts/4/revisions': [older],
    });
    const preview = await loadPreview(client, 4);
    expect(preview).toMatchObject({
      ok: true,
      status: 'publish',
      story: { headline: 'Lamps relit: an update', body: [{ type: 'paragraph' }] },
    });
    expect(preview.ok && preview.story.body).toHaveLength(1);
  });

  it('keeps the published post when no version is newer', async () => {
    const client = await clientFor({ 'posts/4': published, 'posts/4/autosaves': [], 'posts/4/revisions': [] });
    expect(await loadPreview(client, 4)).toMatchObject({
      ok: true,
      story: { headline: 'The breakwater lamps are lit again after two dark winters' },
    });
  });

  it('says why when the post is not a post', async () => {
    const client = await clientFor({ 'posts/5': { id: 5, title: 'x' } });
    expect(await loadPreview(client, 5)).toMatchObject({ ok: false, reason: expect.stringMatching(/^post 5: /) });
  });
});
