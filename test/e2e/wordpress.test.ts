import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommentPage, Story, StoryPage, TagPage } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';
import { signPreview } from '../../server/sources';
import { startWordPress, type RunningWordPress } from '../helpers/wordpress';
import { scratchDir } from '../helpers/scratch';

/** Byline in front of a real WordPress, loaded from our own site description, syncing every 2 s. */
const SITE = join(import.meta.dirname, '..', 'fixtures', 'wordpress', 'site.json');
const PREVIEW_SECRET = 'estuary-preview-secret-for-tests';
const MU_PLUGINS = '/var/lib/wordpress/wp-content/mu-plugins';
const PLUGIN = join(import.meta.dirname, '..', '..', 'wordpress', 'byline-preview.php');
const PUBLISHED = [
  'tide-mill-turns-again',
  'ferry-fares-frozen',
  'eelgrass-survey',
  'harbour-notice-board',
  'storm-gauge-upgrade',
];

let wordpress: RunningWordPress;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

const getJson = async <T>(path: string, schema: { parse: (value: unknown) => T }) => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return schema.parse(await response.json());
};

async function postId(slug: string): Promise<number> {
  const posts = (await wordpress.rest(`posts?slug=${slug}&_fields=id`)) as { id: number }[];
  expect(posts).toHaveLength(1);
  return posts[0]!.id;
}

beforeAll(async () => {
  wordpress = await startWordPress(SITE);
  const described = (JSON.parse(readFileSync(SITE, 'utf8')) as { posts: { slug: string }[] }).posts.map(
    (post) => post.slug,
  );
  await wordpress.keepOnly(described);
  server = await startServer({
    WORDPRESS_URL: wordpress.url,
    WORDPRESS_SYNC_SECONDS: '2',
    // A full pass (every comment read again) every other sync or so, so the test sees one.
    WORDPRESS_FULL_PASS_SECONDS: '4',
    WORDPRESS_APP_USER: wordpress.auth.user,
    WORDPRESS_APP_PASSWORD: wordpress.auth.password,
    PREVIEW_SECRET,
    // Only WordPress feeds this site: an empty content folder.
    CONTENT_DIR: scratchDir('wp-content'),
  });
  // The first sync runs beside the server: wait until every published post is in.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await Promise.all(
      PUBLISHED.map(async (slug) => (await fetch(`${server.url}/api/stories/${slug}`)).ok),
    );
    if (found.every(Boolean)) break;
    if (Date.now() > deadline) throw new Error(`WordPress posts did not arrive:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, 600_000);

afterAll(async () => {
  rmSync(join(MU_PLUGINS, 'byline-test-settings.php'), { force: true });
  await context?.close();
  await browser?.close();
  await server?.stop();
  // npm test starts this WordPress and leaves no Apache or MariaDB running behind it.
  await wordpress?.stop();
});

describe('WordPress as the source', () => {
  it('maps each published post to a story (never the draft), with its author, section, excerpt and lead image', async () => {
    const page = await getJson('/api/stories?limit=50', StoryPage);
    expect(page.stories.map((story) => story.slug)).not.toContain('unpublished-mooring-fees');
    const story = await getJson('/api/stories/tide-mill-turns-again', Story);
    expect(story.headline).toBe('The tide mill turns again & grinds its first flour');
    expect(story.section).toBe('Estuary');
    expect(story.standfirst).toBe('After eleven years of repairs the old mill ground flour on the ebb tide.');
    expect(story.author.name).toBe('Rosa Quill');
    expect(story.publishedAt).toBe('2026-11-24T08:00:00Z');
    expect(story.image).toMatchObject({ alt: "The tide mill's wheel in green water", width: 1200, height: 675 });
    expect(story.image!.src).toMatch(/^http:\/\/127\.0\.0\.1:8080\/wp-content\/uploads\//);
    expect(story.related.length).toBeGreaterThanOrEqual(3);
    // Shares the "heritage" tag, so it comes before stories that share only the category.
    expect(story.related[0]!.slug).toBe('ferry-fares-frozen');
  });

  it("imports each post's tags with WordPress's names and slugs, and lists a tag's stories at /tags/:slug", async () => {
    const wordpressTags = (await wordpress.rest('tags?per_page=100&_fields=id,name,slug')) as {
      id: number;
      name: string;
      slug: string;
    }[];
    // In the post's own order, as WordPress lists its tag ids.
    const { tags: millTags } = (await wordpress.rest(
      `posts/${await postId('tide-mill-turns-again')}?_fields=tags`,
    )) as {
      tags: number[];
    };
    const mill = await getJson('/api/stories/tide-mill-turns-again', Story);
    expect(mill.tags).toEqual(
      millTags.map((id) => wordpressTags.find((tag) => tag.id === id)!).map(({ slug, name }) => ({ slug, name })),
    );
    expect(mill.tags.map((tag) => tag.slug).sort()).toEqual(['heritage', 'mill']);
    const heritage = await getJson('/api/tags/heritage', TagPage);
    expect(heritage.tag).toMatchObject({ slug: 'heritage', storyCount: 2 });
    expect(heritage.stories.map((story) => story.slug).sort()).toEqual(['ferry-fares-frozen', 'tide-mill-turns-again']);

    // A tag whose name and slug differ, added in WordPress: the next sync brings both as WordPress has them.
    const slug = 'estuary-heritage-trail';
    const trail =
      wordpressTags.find((tag) => tag.slug === slug) ??
      ((await wordpress.rest('tags', {
        method: 'POST',
        body: JSON.stringify({ name: 'Heritage & the Estuary Trail', slug }),
      })) as { id: number; name: string });
    const id = await postId('eelgrass-survey');
    const before = (await wordpress.rest(`posts/${id}?_fields=tags`)) as { tags: number[] };
    await wordpress.rest(`posts/${id}`, { method: 'POST', body: JSON.stringify({ tags: [...before.tags, trail.id] }) });
    try {
      const deadline = Date.now() + 30_000;
      let tagged: Story | undefined;
      while (Date.now() < deadline) {
        tagged = Story.parse(await (await fetch(`${server.url}/api/stories/eelgrass-survey`)).json());
        if (tagged.tags.some((tag) => tag.slug === slug)) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(tagged?.tags.find((tag) => tag.slug === slug)).toEqual({ slug, name: 'Heritage & the Estuary Trail' });
      const page = await getJson(`/api/tags/${slug}`, TagPage);
      expect(page.stories.map((story) => story.slug)).toEqual(['eelgrass-survey']);
    } finally {
      await wordpress.rest(`posts/${id}`, { method: 'POST', body: JSON.stringify({ tags: before.tags }) });
    }
  });

  it('shows the body as Byline blocks in Chromium: text, heading, list, quote, embeds as cards, comments threaded', async () => {
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/stories/tide-mill-turns-again`);
    const article = page.locator('article').first();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('The tide mill turns again & grinds its first flour');
    expect(await article.locator('strong', { hasText: 'six in the morning' }).count()).toBe(1);
    expect(await article.locator('a[href="https://example.org/mill-trust"]').textContent()).toBe('Mill Trust');
    expect(await article.textContent()).toContain('eleven years on the repairs — mostly “waiting for oak”.');
    expect(await article.locator('h2', { hasText: 'How a tide mill works' }).count()).toBe(1);
    expect(await article.locator('ul li').allTextContents()).toEqual(
      expect.arrayContaining([
        'The pond fills on the rising tide',
        'A gate holds the water back',
        'The falling tide drives the wheel',
      ]),
    );
    const quote = article.locator('figure', {
      has: page.locator('blockquote', { hasText: 'Nobody alive had heard it run.' }),
    });
    expect(await quote.locator('figcaption').textContent()).toBe('— Agnes Roe, miller');
    // Both embeds are there as cards linking to the original, without the third party's script or frame.
    expect(
      await article.locator('a[href="https://twitter.com/milltrust/status/1861111111111111111"]').count(),
    ).toBeGreaterThan(0);
    expect(await article.textContent()).toContain('Flour! Real flour from the tide.');
    expect(await page.locator('script[src*="twitter"], iframe').count()).toBe(0);
    expect(await article.locator('hr').count()).toBeGreaterThan(0);
    expect(await page.locator('text=Rosa Quill').count()).toBeGreaterThan(0);

    await page.locator('#comments').scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.locator('#comments').textContent())
      .toContain('My grandmother worked there before the war.');
    const comments = (await page.locator('#comments').textContent())!;
    expect(comments).toContain('Did she keep any photographs?');
    expect(comments).not.toContain('This one waits for a moderator.');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports approved comments threaded by parent, once, with no email anywhere', async () => {
    const page = await getJson('/api/stories/tide-mill-turns-again/comments', CommentPage);
    expect(page.total).toBe(2);
    const [first, reply] = page.comments;
    expect(first).toMatchObject({ name: 'Colm', parentId: null });
    expect(reply).toMatchObject({ name: 'Priya', parentId: first!.id, website: 'https://example.org/priya' });
    expect(JSON.stringify(page)).not.toMatch(/example\.invalid/);
  });

  it('never lets hostile HTML reach a reader: no script, handler, frame, form, SVG or javascript: link', async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openPage(page, `${server.url}/stories/harbour-notice-board`);
    const article = page.locator('.story-body');
    await expect.poll(() => article.textContent()).toContain('Old notice text kept from the previous site.');
    await article.hover();
    const unsafe = await page.evaluate(() => {
      const root = document.querySelector('.story-body')!;
      return {
        handlers: [...root.querySelectorAll('*')].flatMap((element) =>
          [...element.attributes]
            .filter((attribute) => attribute.name.startsWith('on'))
            .map((attribute) => attribute.name),
        ),
        scriptLinks: [...root.querySelectorAll('a')].filter((a) =>
          /^(javascript|data):/i.test(a.getAttribute('href') ?? ''),
        ).length,
        elements: root.querySelectorAll('script, style, iframe, form, input, svg, object, embed').length,
      };
    });
    expect(unsafe).toEqual({ handlers: [], scriptLinks: 0, elements: 0 });
    expect(await article.textContent()).not.toContain("alert('script')");
    expect(dialogs).toEqual([]);
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('answers old WordPress links with a 301 to the story, and leaves unknown paths alone', async () => {
    const id = await postId('tide-mill-turns-again');
    for (const old of [`/?p=${id}`, '/tide-mill-turns-again/', '/2026/11/24/tide-mill-turns-again/']) {
      const response = await fetch(`${server.url}${old}`, { redirect: 'manual' });
      expect(response.status, old).toBe(301);
      expect(new URL(response.headers.get('location')!, server.url).pathname).toBe('/stories/tide-mill-turns-again');
    }
    expect((await fetch(`${server.url}/no-such-post/`, { redirect: 'manual' })).status).toBe(404);
  });

  it('imports a published WordPress page as a standing page, served at /pages/<slug>, and withdraws it when trashed', async () => {
    const slug = `about-the-harbour-${Date.now() % 100000}`;
    const created = (await wordpress.rest('pages', {
      method: 'POST',
      body: JSON.stringify({
        slug,
        status: 'publish',
        title: 'About the harbour &amp; its board',
        content: '<p>The harbour board meets monthly.</p><h2>Members</h2><ul><li>Five elected</li></ul>',
      }),
    })) as { id: number };
    try {
      await expect
        .poll(async () => (await fetch(`${server.url}/api/pages/${slug}`)).status, { timeout: 20_000 })
        .toBe(200);
      const page = (await (await fetch(`${server.url}/api/pages/${slug}`)).json()) as {
        title: string;
        description: string;
        body: { type: string }[];
      };
      expect(page.title).toBe('About the harbour & its board');
      expect(page.description).toBe('The harbour board meets monthly.');
      expect(page.body.map((block) => block.type)).toEqual(['paragraph', 'subheading', 'list']);
      const html = await (await fetch(`${server.url}/pages/${slug}`)).text();
      expect(html).toContain('The harbour board meets monthly.');
      expect(await (await fetch(`${server.url}/sitemap.xml`)).text()).toContain(`/pages/${slug}</loc>`);
      await wordpress.rest(`pages/${created.id}`, { method: 'DELETE' });
      await expect
        .poll(async () => (await fetch(`${server.url}/api/pages/${slug}`)).status, { timeout: 20_000 })
        .toBe(404);
    } finally {
      // The harness is shared: leave no page behind.
      await wordpress.rest(`pages/${created.id}?force=true`, { method: 'DELETE' }).catch(() => undefined);
    }
  });

  it('takes an edit made in WordPress within one sync, in the API and in the page', async () => {
    const id = await postId('storm-gauge-upgrade');
    const headline = `Storm gauges report every ${Date.now() % 1000} seconds`;
    await wordpress.rest(`posts/${id}`, { method: 'POST', body: JSON.stringify({ title: headline }) });
    await expect
      .poll(async () => (await getJson('/api/stories/storm-gauge-upgrade', Story)).headline, { timeout: 15_000 })
      .toBe(headline);
    const html = await (await fetch(`${server.url}/stories/storm-gauge-upgrade`)).text();
    expect(html).toContain(headline);
    // Syncs that ran meanwhile imported nothing twice.
    expect((await getJson('/api/stories/tide-mill-turns-again/comments', CommentPage)).total).toBe(2);
  });

  it("previews a draft through the plugin's link, and refuses a forged or expired token", async () => {
    // The plugin as a site would install it, with the two constants it reads (here from a second must-use file).
    mkdirSync(MU_PLUGINS, { recursive: true });
    copyFileSync(PLUGIN, join(MU_PLUGINS, 'byline-preview.php'));
    writeFileSync(
      join(MU_PLUGINS, 'byline-test-settings.php'),
      `<?php\ndefine('BYLINE_URL', '${server.url}');\ndefine('BYLINE_PREVIEW_SECRET', '${PREVIEW_SECRET}');\n`,
    );
    const drafts = (await wordpress.rest('posts?status=draft&slug=unpublished-mooring-fees&_fields=id')) as {
      id: number;
    }[];
    const id = drafts[0]!.id;
    // WordPress itself makes the link, as its Preview button does.
    const link = execFileSync('php', [
      '-r',
      `$_SERVER['HTTP_HOST'] = '127.0.0.1'; require '/usr/share/wordpress/wp-load.php'; echo get_preview_post_link(${id});`,
    ]).toString();
    expect(link).toMatch(new RegExp(`^${server.url}/preview/${id}\\?token=\\d+\\.[0-9a-f]{64}$`));

    const page = await context.newPage();
    const response = await page.goto(link);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['cache-control']).toBe('private, no-store');
    expect(response!.headers()['x-robots-tag']).toContain('noindex');
    expect(await page.locator('h1').textContent()).toBe('Mooring fees for next year (draft)');
    expect(await page.getByRole('region', { name: 'Preview' }).textContent()).toContain('not published');
    expect(await page.locator('article').first().textContent()).toContain('still being checked with the harbour board');
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
    await expectNoAxeViolations(page);
    await page.close();

    const forged = await fetch(
      `${server.url}/preview/${id}?token=${signPreview(id, Math.floor(Date.now() / 1000) + 600, 'not-the-secret')}`,
    );
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('not valid');
    const expired = await fetch(
      `${server.url}/preview/${id}?token=${signPreview(id, Math.floor(Date.now() / 1000) - 60, PREVIEW_SECRET)}`,
    );
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('expired');
    // Never in the store.
    expect((await fetch(`${server.url}/api/stories/unpublished-mooring-fees`)).status).toBe(404);
  });

  it('withdraws a story trashed in WordPress within one sync, and brings it back once restored', async () => {
    const id = await postId('harbour-notice-board');
    const status = async () => (await fetch(`${server.url}/api/stories/harbour-notice-board`)).status;
    await wordpress.rest(`posts/${id}`, { method: 'DELETE' }); // to the trash
    try {
      await expect.poll(status, { timeout: 15_000 }).toBe(404);
      expect(server.output()).toContain(
        'wordpress: story harbour-notice-board withdrawn: its post is no longer published',
      );
    } finally {
      await wordpress.rest(`posts/${id}`, { method: 'POST', body: JSON.stringify({ status: 'publish' }) });
    }
    await expect.poll(status, { timeout: 15_000 }).toBe(200);
  });

  it('hides a comment that WordPress no longer shows (unapproved there) on its next full pass', async () => {
    const post = await postId('tide-mill-turns-again');
    const comments = (await wordpress.rest(`comments?post=${post}&_fields=id,author_name`)) as {
      id: number;
      author_name: string;
    }[];
    const reply = comments.find((comment) => comment.author_name === 'Priya')!;
    await wordpress.rest(`comments/${reply.id}`, { method: 'POST', body: JSON.stringify({ status: 'hold' }) });
    await expect
      .poll(async () => (await getJson('/api/stories/tide-mill-turns-again/comments', CommentPage)).comments, {
        timeout: 20_000,
      })
      .toEqual([expect.objectContaining({ name: 'Colm' })]);
    expect(server.output()).toMatch(/wordpress: comments hidden, as WordPress no longer shows them: \d+/);
    const html = await (await fetch(`${server.url}/stories/tide-mill-turns-again`)).text();
    expect(html).not.toContain('Priya');
  });

  it('keeps serving what it has while WordPress is down, and says so in its log', async () => {
    await wordpress.stop();
    try {
      const before = server.output().length;
      await expect
        .poll(() => server.output().slice(before), { timeout: 30_000 })
        .toMatch(/wordpress: sync (failed|stopped)/);
      expect((await getJson('/api/stories/tide-mill-turns-again', Story)).headline).toContain('tide mill');
      const page = await fetch(`${server.url}/stories/eelgrass-survey`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Eelgrass is spreading in the lower estuary');
    } finally {
      await wordpress.start();
    }
  });
});
