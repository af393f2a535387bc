import { describe, expect, it } from 'vitest';
import { AuthorPage, SectionList, SectionPage, sectionSlug, Story, StoryPage, TagPage } from '../../src/schema';
import { createTestApp } from '../../test/helpers/app';
import { makeAuthor, makeStory, writeContentDir } from '../../test/helpers/content';

/** 15 stories, a day apart, so paging has something to page through. */
function manyStories() {
  const slugs = Array.from({ length: 15 }, (_, index) => `story-${String(index + 1).padStart(2, '0')}`);
  const stories = Object.fromEntries(
    slugs.map((slug, index) => [
      slug,
      makeStory(slug, {
        publishedAt: new Date(Date.UTC(2026, 9, 1 + index, 8)).toISOString(),
        related: slugs.filter((other) => other !== slug).slice(0, 3),
      }),
    ]),
  );
  return writeContentDir({ authors: [makeAuthor()], stories });
}

describe('GET /api/stories', () => {
  const { app } = createTestApp({ contentDir: manyStories() });

  it('pages through every story, newest first, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const response = await app.request(`/api/stories?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page: StoryPage = StoryPage.parse(await response.json());
      seen.push(...page.stories.map((story) => story.slug));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 15 }, (_, index) => `story-${String(15 - index).padStart(2, '0')}`));
  });

  it('carries the author and a comment count in each summary', async () => {
    const page = StoryPage.parse(await (await app.request('/api/stories?limit=1')).json());
    expect(page.stories[0]).toMatchObject({
      slug: 'story-15',
      author: { id: 'ada-test', name: 'Ada Tester' },
      commentCount: 0,
    });
  });

  it.each([
    'limit=0',
    'limit=51',
    'limit=abc',
    'cursor=not-a-cursor',
    `cursor=${Buffer.from('x|y|z').toString('base64url')}`,
  ])('answers 400 with a JSON error for %s', async (query) => {
    const response = await app.request(`/api/stories?${query}`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toEqual(expect.any(String));
  });
});

describe('GET /api/stories/:slug', () => {
  const { app, content } = createTestApp();

  it('returns every demo story with its author and its related summaries in one response', async () => {
    expect(content.stories.length).toBeGreaterThanOrEqual(8);
    for (const file of content.stories) {
      const response = await app.request(`/api/stories/${file.slug}`);
      expect(response.status).toBe(200);
      const story = Story.parse(await response.json());
      expect(story.headline).toBe(file.headline);
      expect(story.author.id).toBe(file.authorId);
      expect(story.related.map((related) => related.slug)).toEqual(file.related);
      expect(story.body).toEqual(file.body);
      expect(story.readingMinutes).toBeGreaterThanOrEqual(1);
    }
  });

  it('answers 404 for an unknown story and 400 for a malformed slug', async () => {
    const missing = await app.request('/api/stories/no-such-story');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('no-such-story') },
    });
    const malformed = await app.request('/api/stories/NOT%20A%20SLUG');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('bad_request');
  });
});

describe('GET /api/authors/:id', () => {
  const { app, content } = createTestApp();

  it('returns the author and their stories, newest first', async () => {
    const author = content.authors[0]!;
    const response = await app.request(`/api/authors/${author.id}`);
    expect(response.status).toBe(200);
    const page = AuthorPage.parse(await response.json());
    expect(page.author.name).toBe(author.name);
    const expected = content.stories
      .filter((story) => story.authorId === author.id)
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
      .map((story) => story.slug);
    expect(page.stories.map((story) => story.slug)).toEqual(expected);
  });

  it('pages an author with more stories than a page holds, like the front page', async () => {
    const paged = createTestApp({ contentDir: manyStories() }).app;
    const first = AuthorPage.parse(await (await paged.request('/api/authors/ada-test')).json());
    expect(first.stories).toHaveLength(12);
    expect(first.nextCursor).not.toBeNull();
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const response = await paged.request(`/api/authors/ada-test?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      const page = AuthorPage.parse(await response.json());
      expect(page.author.id).toBe('ada-test');
      seen.push(...page.stories.map((story) => story.slug));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 15 }, (_, index) => `story-${String(15 - index).padStart(2, '0')}`));
    expect((await paged.request('/api/authors/ada-test?cursor=nonsense')).status).toBe(400);
    expect((await paged.request('/api/authors/ada-test?limit=51')).status).toBe(400);
  });

  it('answers 404 for an unknown author', async () => {
    const response = await app.request('/api/authors/nobody-here');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});

describe('the server around the API', () => {
  const { app } = createTestApp();

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await app.request('/api/nothing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('sets strict security headers', async () => {
    const response = await app.request('/api/stories');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('compresses responses for clients that accept it', async () => {
    const response = await app.request('/api/stories?limit=10', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('GET /api/sections and /api/sections/:section', () => {
  const { app, content } = createTestApp();

  it('lists every section with its story count', async () => {
    const response = await app.request('/api/sections');
    expect(response.status).toBe(200);
    const { sections } = SectionList.parse(await response.json());
    const expected = new Map<string, number>();
    for (const story of content.stories) expected.set(story.section, (expected.get(story.section) ?? 0) + 1);
    expect(sections.map((section) => [section.name, section.storyCount])).toEqual(
      [...expected].sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(sections.every((section) => section.slug === sectionSlug(section.name))).toBe(true);
  });

  it("pages through one section's stories, newest first, and only that section's", async () => {
    const name = content.stories[0]!.section;
    const expected = content.stories
      .filter((story) => story.section === name)
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
      .map((story) => story.slug);
    const first = SectionPage.parse(await (await app.request(`/api/sections/${sectionSlug(name)}?limit=2`)).json());
    expect(first.section.name).toBe(name);
    const rest = SectionPage.parse(
      await (await app.request(`/api/sections/${sectionSlug(name)}?limit=50&cursor=${first.nextCursor}`)).json(),
    );
    expect([...first.stories, ...rest.stories].map((story) => story.slug)).toEqual(expected);
    expect(rest.nextCursor).toBeNull();
  });

  it('answers 404 for an unknown section and 400 for a bad limit', async () => {
    expect((await app.request('/api/sections/astrology')).status).toBe(404);
    expect((await app.request(`/api/sections/${sectionSlug(content.stories[0]!.section)}?limit=0`)).status).toBe(400);
  });
});

describe('GET /api/tags/:tag', () => {
  const { app, content } = createTestApp();

  it("pages through a tag's stories, newest first, and only its own, with the tag's name and count", async () => {
    const expected = content.stories
      .filter((story) => story.tags.some((tag) => tag.slug === 'maritime-heritage'))
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
      .map((story) => story.slug);
    expect(expected.length).toBeGreaterThan(2);
    const response = await app.request('/api/tags/maritime-heritage?limit=2');
    expect(response.status).toBe(200);
    expect(response.headers.get('xkey')?.split(' ')).toContain('tag:maritime-heritage');
    const first = TagPage.parse(await response.json());
    expect(first.tag).toEqual({ slug: 'maritime-heritage', name: 'Maritime heritage', storyCount: expected.length });
    const rest = TagPage.parse(
      await (await app.request(`/api/tags/maritime-heritage?cursor=${first.nextCursor}`)).json(),
    );
    expect([...first.stories, ...rest.stories].map((story) => story.slug)).toEqual(expected);
    expect(rest.nextCursor).toBeNull();
  });

  it("carries a story's tags in its own order, an explicit slug kept", async () => {
    const story = Story.parse(await (await app.request('/api/stories/king-tide-photo-project')).json());
    expect(story.tags).toEqual([
      { slug: 'flooding', name: 'Flooding' },
      { slug: 'sea-level', name: 'Sea-level rise' },
      { slug: 'volunteers', name: 'Volunteers' },
    ]);
  });

  it('answers 404 tagged with the tag for an unknown tag, 400 for a malformed one or a made-up cursor', async () => {
    const missing = await app.request('/api/tags/astrology');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('xkey')).toBe('tag:astrology');
    expect((await app.request('/api/tags/Not_A_Slug')).status).toBe(400);
    expect((await app.request('/api/tags/flooding?cursor=made-up')).status).toBe(400);
    expect((await app.request('/api/tags/flooding?limit=0')).status).toBe(400);
  });
});

describe('sectionSlug', () => {
  it('makes an address from a section name', () => {
    expect(sectionSlug('Climate & Energy')).toBe('climate-energy');
    expect(sectionSlug('  Café Culture ')).toBe('cafe-culture');
  });
});
