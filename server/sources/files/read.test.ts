import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoryFile } from '../../../src/schema';
import { makeAuthor, makeStory, relatedSet, seedContent, writeContentDir } from '../../../test/helpers/content';
import { openTestStore } from '../../../test/helpers/engine';
import type { Store } from '../../store';
import { formatFault } from '../../content';

const root = join(import.meta.dirname, '..', '..', '..');

const liveStories = async ({ db }: Store) =>
  (await db.selectFrom('stories').select('doc').where('withdrawn', '=', 0).orderBy('slug').execute()).map(
    (row) => (JSON.parse(row.doc) as { story: StoryFile }).story,
  );

/** Loads a folder the way the server does, into a store of its own. */
async function load(dir: string) {
  const store = await openTestStore();
  try {
    const { faults } = await seedContent(store, dir);
    return { messages: faults.map(formatFault), stories: await liveStories(store) };
  } finally {
    await store.close();
  }
}

describe('the demo content', () => {
  const dir = join(root, 'content');
  const content = { stories: [] as StoryFile[], messages: [] as string[] };
  beforeAll(async () => {
    Object.assign(content, await load(dir));
  });

  it('is valid, every file', () => {
    expect(content.messages).toEqual([]);
    expect(content.stories.length).toBeGreaterThan(0);
  });

  it('has at least 8 stories in 3 sections by 3 authors', () => {
    expect(content.stories.length).toBeGreaterThanOrEqual(8);
    expect(new Set(content.stories.map((story) => story.section)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(content.stories.map((story) => story.authorId)).size).toBeGreaterThanOrEqual(3);
  });

  it('uses every block type', () => {
    const used = new Set(content.stories.flatMap((story) => story.body.map((block) => block.type)));
    expect([...used].sort()).toEqual(
      ['blockquote', 'divider', 'embed', 'image', 'list', 'paragraph', 'pullquote', 'subheading'].sort(),
    );
  });

  it('relates each story to 3 to 6 stories that exist', () => {
    const slugs = new Set(content.stories.map((story) => story.slug));
    for (const story of content.stories) {
      expect(story.related.length).toBeGreaterThanOrEqual(3);
      expect(story.related.length).toBeLessThanOrEqual(6);
      for (const slug of story.related) expect(slugs.has(slug), `${story.slug} -> ${slug}`).toBe(true);
    }
  });

  it('ships every image it names, except the one embed whose media deliberately cannot load', () => {
    const missing: string[] = [];
    for (const story of content.stories) {
      const images = [story.image, ...story.body.map((block) => (block.type === 'image' ? block : undefined))];
      for (const image of images) if (image && !existsSync(join(root, 'public', image.src))) missing.push(image.src);
    }
    expect(missing).toEqual([]);
    const brokenEmbeds = content.stories.flatMap((story) =>
      story.body.filter(
        (block) => block.type === 'embed' && block.media && !existsSync(join(root, 'public', block.media.src)),
      ),
    );
    expect(brokenEmbeds).toHaveLength(1);
  });
});

describe('content faults', () => {
  const faultsOf = (stories: Record<string, unknown>, authors: unknown[] = [makeAuthor()]) =>
    load(writeContentDir({ authors, stories }));

  it('names the file and JSON path of a bad image URL, and still loads the valid stories', async () => {
    const stories: Record<string, unknown> = relatedSet();
    stories.x = makeStory('x', {
      related: ['story-1', 'story-2', 'story-3'],
      body: [
        { type: 'paragraph', content: [{ type: 'text', text: 'One.' }] },
        { type: 'divider' },
        { type: 'subheading', text: 'Two' },
        { type: 'image', src: 'javascript:alert(1)', alt: 'x', width: 10, height: 10 },
      ],
    });
    const { stories: loaded, messages } = await faultsOf(stories);
    expect(messages).toEqual([
      expect.stringMatching(
        /^stories\/x\.json:1:\d+: body\[3\]\.src: Invalid URL: use a site path starting with "\/" or an http\(s\) URL$/,
      ),
    ]);
    expect(loaded.map((story) => story.slug)).toEqual(['story-1', 'story-2', 'story-3', 'story-4']);
  });

  it('reports invalid JSON', async () => {
    const { messages } = await faultsOf({ broken: '{ "slug": ' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toBe(
      'stories/broken.json:1:11: not valid JSON: the file ends too early: something is not closed',
    );
  });

  it('reports a missing required field, an unknown block type and a bad date by path', async () => {
    const stories: Record<string, unknown> = relatedSet();
    const { headline: _dropped, ...noHeadline } = makeStory('no-headline', {
      related: ['story-1', 'story-2', 'story-3'],
    });
    stories['no-headline'] = noHeadline;
    stories['odd-block'] = makeStory('odd-block', {
      related: ['story-1', 'story-2', 'story-3'],
      body: [{ type: 'marquee', text: 'hi' } as never],
    });
    stories['bad-date'] = makeStory('bad-date', {
      related: ['story-1', 'story-2', 'story-3'],
      publishedAt: 'yesterday',
    });
    const { messages } = await faultsOf(stories);
    expect(messages).toEqual([
      expect.stringMatching(/^stories\/bad-date\.json:1:\d+: publishedAt: not a date/),
      'stories/no-headline.json:1:1: headline is required',
      expect.stringMatching(/^stories\/odd-block\.json:1:\d+: body\[0\]\.type: not a known type/),
    ]);
  });

  it('reports links between files that do not hold: author, related stories, file names', async () => {
    const stories: Record<string, unknown> = relatedSet();
    stories.orphan = makeStory('orphan', { authorId: 'nobody', related: ['story-1', 'story-2', 'ghost'] });
    stories.misnamed = makeStory('other-name', { related: ['story-1', 'story-2', 'story-3'] });
    stories.selfish = makeStory('selfish', { related: ['story-1', 'story-2', 'selfish'] });
    const { messages } = await faultsOf(stories);
    expect(messages).toEqual([
      'stories/misnamed.json:1:2: slug: "other-name" must match the file name "misnamed.json"',
      expect.stringMatching(/^stories\/orphan\.json:1:\d+: authorId: author "nobody" does not exist$/),
      expect.stringMatching(/^stories\/orphan\.json:1:\d+: related\[2\]: story "ghost" does not exist$/),
      expect.stringMatching(/^stories\/selfish\.json:1:\d+: related\[2\]: a story cannot be related to itself$/),
    ]);
  });

  it('reports too many related stories and an author whose id differs from its file name', async () => {
    const stories: Record<string, unknown> = relatedSet();
    stories.lonely = makeStory('lonely', { related: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    const dir = writeContentDir({ authors: [makeAuthor()], stories });
    const badAuthor = makeAuthor({ id: 'bob' });
    writeFileSync(join(dir, 'authors', 'robert.json'), JSON.stringify(badAuthor));
    const { messages } = await load(dir);
    expect(messages).toEqual([
      'authors/robert.json:1:2: id: "bob" must match the file name "robert.json"',
      expect.stringMatching(/^stories\/lonely\.json:1:\d+: related: List at most 6 related stories$/),
    ]);
  });
});
