import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoryFile } from '../../../src/schema/content';
import { createWordPressClient } from './client';
import { SAMPLE_SLUGS } from '../../../test/doubles/wordpress/fakeWordPress';
import { MemorySink } from '../../../test/doubles/wordpress/memorySink';
import { loadPreview } from './previewStory';
import { syncWordPress } from './sync';

/**
 * Against a real WordPress loaded with test/wordpress/sample-site.json (sudo test/wordpress/start.sh). Opt-in,
 * because it needs that server: WORDPRESS_TEST_URL=http://127.0.0.1:8080 npx vitest run --project unit server/sources
 * The preview part also reads the harness's application password from /etc/wordpress/byline-test-app-password.
 */
const url = process.env.WORDPRESS_TEST_URL;
const appPassword = (() => {
  try {
    return readFileSync('/etc/wordpress/byline-test-app-password', 'utf8').trim();
  } catch {
    return undefined;
  }
})();

describe.skipIf(!url)('a real WordPress (set WORDPRESS_TEST_URL to run)', { timeout: 60_000 }, () => {
  it('syncs the sample site: published posts only, every block valid, hostile markup gone, approved comments threaded', async () => {
    const sink = new MemorySink();
    const lines: string[] = [];
    const client = createWordPressClient({ baseUrl: url! });
    const report = await syncWordPress({ client, sink, log: (line) => lines.push(line) });
    // The harness may hold more than the sample site (another test can load its own): check the sample's part.
    expect(report.failed).toBeUndefined();
    expect(report.added).toBe(sink.stories.size);
    expect(sink.live()).toEqual(expect.arrayContaining(SAMPLE_SLUGS));
    expect(sink.live()).not.toContain('draft-not-published');
    expect(report.skipped).toBe(lines.filter((line) => line.includes(' skipped: ')).length);
    for (const { story } of sink.stories.values()) expect(StoryFile.safeParse(story).success).toBe(true);
    const hostile = JSON.stringify(sink.stories.get('old-template-notice')?.story);
    expect(hostile).not.toMatch(/alert|javascript|onmouseover|<script/i);
    const lamps = sink.stories.get('breakwater-lamps-relit')!.story;
    expect(lamps.body.filter((block) => block.type === 'embed')).toHaveLength(2);
    expect(lamps.image).toMatchObject({
      width: 1200,
      height: 675,
      caption: 'The north breakwater, lit for the first time since 2024.',
    });
    const lampComments = [...sink.comments.values()].filter((row) => row.storySlug === 'breakwater-lamps-relit');
    expect(lampComments.map((row) => row.name)).toEqual(['Hannah Pike', 'Osei Brand', 'Hannah Pike', 'Wren Talbot']);
    expect(lampComments.map((row) => row.parentWordpressId === null)).toEqual([true, false, false, true]);

    const again = await syncWordPress({ client, sink, log: (line) => lines.push(line), since: report.nextSince });
    expect(again).toMatchObject({ added: 0, updated: 0, withdrawn: 0, commentsAdded: 0 });
    expect(again.requests).toBeLessThanOrEqual(3 + Math.ceil(report.skipped / 100));
  });

  it.skipIf(!appPassword)('previews the draft with the application password', async () => {
    const client = createWordPressClient({ baseUrl: url!, auth: { user: 'admin', password: appPassword! } });
    const drafts = await client.get('posts', { status: 'draft', context: 'edit', _fields: 'id,slug' }, true);
    const id = (drafts.data as { id: number; slug: string }[]).find((post) => post.slug === 'draft-not-published')!.id;
    expect(await loadPreview(client, id)).toMatchObject({
      ok: true,
      status: 'draft',
      story: { headline: 'Harbour dues for next year (not yet checked)' },
    });
  });
});
