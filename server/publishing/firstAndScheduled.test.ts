import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory } from '../../test/helpers/content';
import { emptyPublishingSite } from '../../test/helpers/publishingSite';
import type { Store } from '../store';

const TOKEN = 'publishing-test-token-0123456789';
let store: Store | undefined;
afterEach(() => store?.close());

/** An empty site behind the publishing API: no content files, nothing in the database. */
async function emptySite() {
  const site = await emptyPublishingSite(TOKEN);
  store = site.store;
  return site;
}

/** A story as a CMS sends it, without `related` at all. */
function withoutRelated(slug: string, overrides = {}) {
  const { related: _left, ...story } = makeStory(slug, overrides);
  return story;
}

describe('the publishing API on an empty site (issue 24 point 3)', () => {
  it('publishes the first story, naming no related stories, and readers see it', async () => {
    const { app, send } = await emptySite();
    expect((await send('PUT', '/api/admin/authors/ada-test', makeAuthor())).status).toBe(201);
    const created = await send('PUT', '/api/admin/stories/first', withoutRelated('first'));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ slug: 'first', related: [] });
    expect((await (await app.request('/api/stories/first')).json()).headline).toBe('Headline of first');
    // The second story picks the first as related, and the first now shows the second.
    expect((await send('PUT', '/api/admin/stories/second', withoutRelated('second'))).status).toBe(201);
    const first = await (await app.request('/api/stories/first')).json();
    expect(first.related.map((story: { slug: string }) => story.slug)).toEqual(['second']);
  });

  it('still answers 422 at the field for a related story that does not exist', async () => {
    const { send } = await emptySite();
    await send('PUT', '/api/admin/authors/ada-test', makeAuthor());
    const response = await send('PUT', '/api/admin/stories/first', makeStory('first', { related: ['ghost'] }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.fields).toEqual({ 'related[0]': 'Unknown story "ghost"' });
  });
});

describe('a story dated ahead through the publishing API (issue 24 point 2)', () => {
  it('is answered to its editor and listed as scheduled, but unknown to readers', async () => {
    const { app, send } = await emptySite();
    await send('PUT', '/api/admin/authors/ada-test', makeAuthor());
    await send('PUT', '/api/admin/stories/now', withoutRelated('now'));
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const created = await send('PUT', '/api/admin/stories/ahead', withoutRelated('ahead', { publishedAt: at }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ slug: 'ahead', publishedAt: at });

    expect((await app.request('/api/stories/ahead')).status).toBe(404);
    const front = await (await app.request('/api/stories')).json();
    expect(front.stories.map((story: { slug: string }) => story.slug)).toEqual(['now']);
    expect((await (await app.request('/api/stories/now')).json()).related).toEqual([]);
    const feed = await (await app.request('/feed.xml')).text();
    expect(feed).toContain('/stories/now');
    expect(feed).not.toContain('/stories/ahead');

    const scheduled = await send('GET', '/api/admin/stories?status=scheduled');
    expect(scheduled.status).toBe(200);
    expect(scheduled.headers.get('cache-control')).toMatch(/no-store/);
    expect(await scheduled.json()).toEqual({
      stories: [
        { slug: 'ahead', headline: 'Headline of ahead', section: 'City', authorId: 'ada-test', publishedAt: at },
      ],
    });
    const anonymous = await app.request('/api/admin/stories?status=scheduled');
    expect(anonymous.status).toBe(401);
    const unknown = await send('GET', '/api/admin/stories?status=drafts');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fields).toEqual({ status: 'Unknown status "drafts"' });
  });
});
