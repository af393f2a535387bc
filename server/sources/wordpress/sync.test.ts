import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoryFile as StorySchema } from '../../../src/schema/content';
import { createWordPressClient } from './client';
import { MemorySink } from '../../../test/doubles/wordpress/memorySink';
import { type SyncOptions, type SyncReport, syncWordPress } from './sync';
import { FakeWordPress, SAMPLE_SLUGS } from '../../../test/doubles/wordpress/fakeWordPress';
import { startTestServer, type TestServer } from '../../../test/doubles/wordpress/testServer';

let wordpress: FakeWordPress;
let server: TestServer;
let sink: MemorySink;
let lines: string[];

beforeEach(async () => {
  wordpress = new FakeWordPress();
  server = await startTestServer((url) => wordpress.reply(url));
  sink = new MemorySink();
  lines = [];
});
afterEach(() => server.close());

/** A sync carrying on from the previous one's report, as the source does. */
const sync = (previous?: SyncReport, options: Partial<SyncOptions> = {}) =>
  syncWordPress({
    client: createWordPressClient({ baseUrl: server.baseUrl, retries: 1, sleep: async () => undefined }),
    sink,
    log: (line) => lines.push(line),
    since: previous?.nextSince,
    unstored: previous?.unstored,
    ...options,
  });

describe('syncWordPress', () => {
  it('stores each story as the image service describes it (its images’ hashes and sizes)', async () => {
    const described: string[] = [];
    const variants = { hash: '0a1b2c3d', width: 1600, height: 1000 };
    await sync(undefined, {
      images: {
        story: async (story) => {
          described.push(story.slug);
          return { ...story, image: { src: '/images/x.jpg', alt: 'x', variants } };
        },
        author: async (author) => author,
      },
    });
    expect(described.sort()).toEqual([...SAMPLE_SLUGS].sort());
    for (const { story } of sink.stories.values()) expect(story.image?.variants).toEqual(variants);
  });

  it('syncs the sample site from empty: stories, authors, comments, with notes logged by post', async () => {
    const report = await sync();
    expect(report).toEqual({
      added: 6,
      updated: 0,
      unchanged: 0,
      withdrawn: 0,
      skipped: 0,
      commentsAdded: 5,
      commentsRemoved: 0,
      requests: 3,
      full: true,
      nextSince: '2026-11-21T12:30:00Z',
      unstored: [],
    });
    expect(report.requests).toBe(server.seen.length);
    expect(sink.live()).toEqual(SAMPLE_SLUGS);
    expect([...sink.authors.keys()].sort()).toEqual(['wp-idris-vale', 'wp-nell-garrow']);
    for (const { story } of sink.stories.values()) {
      expect(StorySchema.safeParse(story).success).toBe(true);
      expect(story.related.length).toBeGreaterThanOrEqual(3);
    }
    expect(sink.stories.get('breakwater-lamps-relit')?.meta).toEqual({
      wordpressId: 4,
      categories: ['Quay'],
      tags: ['lamps', 'volunteers'],
      categoryIds: [2],
      tagIds: [3, 4],
    });
    expect(lines).toContain(
      'wordpress: post 6 (ferry-timetable-winter): converted table to text; image without width and height',
    );
    expect(lines.find((line) => line.startsWith('wordpress: post 9 (old-template-notice)'))).toContain(
      'removed <script>',
    );
    expect(sink.comments.get(4)).toMatchObject({ storySlug: 'breakwater-lamps-relit', parentWordpressId: 3 });
  });

  it('does nothing and asks little when nothing changed', async () => {
    const first = await sync();
    const again = await sync(first);
    expect(again).toEqual({
      added: 0,
      updated: 0,
      unchanged: 0,
      withdrawn: 0,
      skipped: 0,
      commentsAdded: 0,
      commentsRemoved: 0,
      requests: 3,
      full: false,
      nextSince: first.nextSince,
      unstored: [],
    });
    // The count of published posts, the posts changed and the comments written since: not the list of posts.
    expect(server.seen.slice(-3).map((url) => url.searchParams.get('_fields'))).toEqual(['id', null, null]);
    expect(sink.comments.size).toBe(5);
  });

  it('takes an edited post within one sync', async () => {
    const first = await sync();
    const post = wordpress.posts.find((item) => item.slug === 'quay-street-trial')!;
    post.title = { rendered: 'Quay Street goes car-free on Sundays too' };
    post.modified_gmt = '2026-11-25T10:00:00';
    const again = await sync(first);
    expect(again).toMatchObject({ added: 0, updated: 1, withdrawn: 0, nextSince: '2026-11-25T10:00:00Z' });
    expect(sink.stories.get('quay-street-trial')?.story.headline).toBe('Quay Street goes car-free on Sundays too');
  });

  it('withdraws a story whose post was unpublished or deleted, and takes new comments only', async () => {
    const first = await sync();
    wordpress.posts = wordpress.posts.filter((post) => post.slug !== 'storm-drain-sensors');
    wordpress.comments.push({
      ...wordpress.comments[0]!,
      id: 40,
      parent: 5,
      date_gmt: '2026-11-26T09:00:00',
      content: { rendered: '<p>Yes, until 11.</p>' },
    });
    const again = await sync(first);
    expect(again).toMatchObject({ withdrawn: 1, commentsAdded: 1 });
    expect(sink.live()).not.toContain('storm-drain-sensors');
    expect(lines).toContain('wordpress: story storm-drain-sensors withdrawn: its post is no longer published');
  });

  it('finds a removed post by the count of published posts, reading the list of posts only then', async () => {
    const first = await sync();
    wordpress.posts = wordpress.posts.filter((post) => post.slug !== 'ferry-timetable-winter');
    const again = await sync(first);
    expect(again).toMatchObject({ withdrawn: 1, full: false, unstored: [] });
    expect(lines).toContain('wordpress: 5 posts published, 6 expected: reading the list of posts');
    const idle = await sync(again);
    expect(idle).toMatchObject({ withdrawn: 0, requests: 3 });
  });

  it('takes a scheduled post that went live without a new modified date', async () => {
    const seal = wordpress.posts.find((post) => post.slug === 'seal-tagging-results')!;
    wordpress.posts = wordpress.posts.filter((post) => post !== seal);
    const first = await sync();
    wordpress.posts.push(seal); // WordPress publishes a scheduled post by its status alone: modified_gmt is old
    const again = await sync(first);
    expect(again).toMatchObject({ added: 1, commentsAdded: 1, unstored: [] });
    expect(sink.live()).toEqual(SAMPLE_SLUGS);
  });

  it('withdraws the old slug of a post given a new one', async () => {
    const first = await sync();
    const post = wordpress.posts.find((item) => item.slug === 'quay-street-trial')!;
    post.slug = 'quay-street-sundays';
    post.modified_gmt = '2026-11-25T10:00:00';
    const again = await sync(first);
    expect(again).toMatchObject({ added: 1, withdrawn: 1, full: false });
    expect(lines).toContain('wordpress: story quay-street-trial withdrawn: its post 11 has a new slug');
    expect(sink.live()).toContain('quay-street-sundays');
    expect(sink.live()).not.toContain('quay-street-trial');
  });

  it('does not read the list of posts on every sync for a post it refuses', async () => {
    const broken = wordpress.posts.find((post) => post.slug === 'quay-street-trial')!;
    broken.content = { rendered: '<script>only()</script>', protected: false };
    const first = await sync();
    expect(first).toMatchObject({ skipped: 1, unstored: [11] });
    const again = await sync(first);
    expect(again).toMatchObject({ requests: 3, unstored: [11] });
  });

  it('on a full pass, hides comments WordPress no longer shows and takes those approved late', async () => {
    const first = await sync();
    expect(sink.shownWordPressComments()).toContain(7);
    // Comment 7 deleted (or unapproved) in WordPress; comment 8, written a week before, approved only now.
    wordpress.comments = wordpress.comments.filter((comment) => comment.id !== 7);
    wordpress.comments.push({ ...wordpress.comments[0]!, id: 8, parent: 0, date_gmt: '2026-11-14T09:00:00' });
    const changesOnly = await sync(first);
    expect(changesOnly).toMatchObject({ commentsAdded: 0, commentsRemoved: 0 });
    const full = await sync(changesOnly, { full: true });
    expect(full).toMatchObject({ full: true, commentsAdded: 1, commentsRemoved: 1, withdrawn: 0 });
    expect(sink.shownWordPressComments()).not.toContain(7);
    expect(sink.shownWordPressComments()).toContain(8);
    expect(lines).toContain('wordpress: comments hidden, as WordPress no longer shows them: 7');
  });

  it('publishes the posts of a site too small to give each story three related ones', async () => {
    wordpress.posts = wordpress.posts.filter((post) =>
      ['breakwater-lamps-relit', 'ferry-timetable-winter'].includes(post.slug),
    );
    const report = await sync();
    expect(report).toMatchObject({ added: 2, skipped: 0 });
    expect(sink.stories.get('breakwater-lamps-relit')?.story.related).toEqual(['ferry-timetable-winter']);
    expect(sink.stories.get('ferry-timetable-winter')?.story.related).toEqual(['breakwater-lamps-relit']);
  });

  it('skips a post that fails validation with its id and JSON path, and syncs the rest', async () => {
    const broken = wordpress.posts.find((post) => post.slug === 'quay-street-trial')!;
    broken.title = { rendered: 42 } as never;
    const empty = wordpress.posts.find((post) => post.slug === 'storm-drain-sensors')!;
    empty.content = { rendered: '<script>only()</script>', protected: false };
    const report = await sync();
    expect(report).toMatchObject({ added: 4, skipped: 2 });
    expect(lines).toContain(
      'wordpress: post 11 skipped: title.rendered: Invalid input: expected string, received number',
    );
    expect(lines).toContain('wordpress: post 10 (storm-drain-sensors) skipped: body: A story needs at least one block');
    expect(sink.live()).not.toContain('storm-drain-sensors');
  });

  it('publishes a post of 5,000 nested divs (its deep part as text) and the five others', async () => {
    const deep = wordpress.posts.find((post) => post.slug === 'storm-drain-sensors')!;
    deep.content = {
      rendered: `<p>Sensors.</p>${'<div>'.repeat(5000)}<p>Deep down.</p>${'</div>'.repeat(5000)}`,
      protected: false,
    };
    const report = await sync();
    expect(report).toMatchObject({ added: 6, skipped: 0 });
    expect(sink.live()).toEqual(SAMPLE_SLUGS);
    expect(sink.stories.get('storm-drain-sensors')?.story.body).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Sensors.' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Deep down.' }] },
    ]);
    expect(lines).toContain('wordpress: post 10 (storm-drain-sensors): flattened to text what was nested over 64 deep');
  });

  it('skips a post the converter refuses, naming it and why, and publishes the others', async () => {
    const huge = wordpress.posts.find((post) => post.slug === 'quay-street-trial')!;
    const rendered = `<p>${'Words. '.repeat(300_000)}</p>`;
    huge.content = { rendered, protected: false };
    const report = await sync();
    expect(report).toMatchObject({ added: 5, skipped: 1, unstored: [11] });
    expect(report.failed).toBeUndefined();
    expect(lines).toContain(
      `wordpress: post 11 (quay-street-trial) skipped: not converted: its content is ${rendered.length} characters, more than the 2000000 converted`,
    );
    expect(sink.live()).toEqual(SAMPLE_SLUGS.filter((slug) => slug !== 'quay-street-trial'));
  });

  it('fetches by id, in the next sync, published posts the store does not have (refused before, or lost)', async () => {
    const broken = wordpress.posts.find((post) => post.slug === 'quay-street-trial')!;
    const title = broken.title;
    broken.title = { rendered: 42 } as never;
    const first = await sync();
    expect(first).toMatchObject({ added: 5, skipped: 1 });
    broken.title = title; // mended behind the API's back: modified_gmt unchanged
    sink.stories.delete('storm-drain-sensors'); // and the store lost one
    const again = await sync(first);
    // The count (one short), changed posts, then the list of posts, the two by id, new comments, and all
    // comments of the two stories now added.
    expect(again).toMatchObject({ added: 2, skipped: 0, requests: 6, commentsAdded: 0, unstored: [] });
    expect(lines).toContain('wordpress: 6 posts published, 5 expected: reading the list of posts');
    expect(sink.live()).toEqual(SAMPLE_SLUGS);
    const byId = server.seen.filter((url) => url.searchParams.has('include'));
    expect(byId.map((url) => url.searchParams.get('include'))).toEqual(['10,11']);
    expect(server.seen.at(-1)?.searchParams.get('post')).toBe('10,11');
  });

  it('brings the older comments of a story first added by an incremental sync', async () => {
    const seal = wordpress.posts.find((post) => post.slug === 'seal-tagging-results')!;
    wordpress.posts = wordpress.posts.filter((post) => post !== seal);
    const first = await sync();
    expect(sink.comments.has(7)).toBe(false);
    wordpress.posts.push({ ...seal, modified_gmt: '2026-11-28T08:00:00' }); // republished; its comment is from the 17th
    const again = await sync(first);
    expect(again).toMatchObject({ added: 1, commentsAdded: 1 });
    expect(sink.comments.get(7)).toMatchObject({ storySlug: 'seal-tagging-results', name: 'Tom Hale' });
  });

  it('keeps what it has when WordPress fails, withdraws nothing and does not move `since` on', async () => {
    const first = await sync();
    wordpress.failing = (url) =>
      url.searchParams.get('page') === '1'
        ? { status: 500, body: { message: 'Error establishing a database connection' } }
        : undefined;
    const report = await sync(first);
    expect(report).toMatchObject({
      withdrawn: 0,
      failed: 'WordPress answered 500: Error establishing a database connection',
    });
    expect(report.nextSince).toBeUndefined();
    expect(sink.live()).toEqual(SAMPLE_SLUGS);
    expect(lines.at(-1)).toBe(
      'wordpress: sync stopped while reading changed posts: WordPress answered 500: Error establishing a database connection',
    );
  });

  it('withdraws nothing when the list of posts is garbage', async () => {
    await sync();
    wordpress.failing = (url) =>
      url.searchParams.has('_fields') ? { raw: '<!doctype html><title>Maintenance</title>' } : undefined;
    const report = await sync();
    expect(report.failed).toBe('WordPress answered 200 with something that is not JSON');
    expect(report.withdrawn).toBe(0);
    expect(sink.live()).toEqual(SAMPLE_SLUGS);
  });

  it('streams a large site page by page, looking up image sizes a page at a time', async () => {
    const [template] = wordpress.posts;
    wordpress.posts = Array.from({ length: 250 }, (_, index) => ({
      ...template!,
      id: 1000 + index,
      slug: `generated-post-${index}`,
      modified_gmt: `2026-10-${String(1 + (index % 28)).padStart(2, '0')}T08:00:00`,
      content: {
        rendered: `<p>Post ${index}</p><figure class="wp-block-image"><img class="wp-image-5" src="/a-${index}.png" alt=""></figure>`,
      },
    }));
    wordpress.comments = [];
    const report = await sync();
    expect(report).toMatchObject({ added: 250, skipped: 0 });
    // 3 index pages, 3 post pages, 3 media look-ups (one a page), 1 comments page.
    expect(report.requests).toBe(10);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    const image = sink.stories.get('generated-post-7')?.story.body[1];
    expect(image).toMatchObject({ type: 'image', width: 1200, height: 675 });
  });
});
