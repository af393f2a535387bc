import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentProblemList } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../helpers/content';
import { startServer, type RunningServer } from '../helpers/server';

const TOKEN = 'e2e-content-problems-token-012345';
const related = ['story-1', 'story-2', 'story-3'];
/** A new story whose editor forgot the headline: laid out as editors write, one field a line. */
const { headline: _forgotten, ...draft } = makeStory('draft', { related });
const contentDir = writeContentDir({
  authors: [makeAuthor()],
  stories: { ...relatedSet(), draft: JSON.stringify(draft, null, 2) },
});
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ CONTENT_DIR: contentDir, ADMIN_TOKEN: TOKEN });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const refusedItem = (page: Page, name: string) =>
  page.locator('.content-problem').filter({ has: page.getByRole('heading', { name, exact: true }) });

describe('the admins’ Content view', () => {
  it('lists each refused file with line, column and what is wrong, and follows edits', async () => {
    const problems = async () =>
      ContentProblemList.parse(
        await (
          await fetch(`${server.url}/api/admin/content/problems`, { headers: { Authorization: `Bearer ${TOKEN}` } })
        ).json(),
      ).problems;
    expect((await fetch(`${server.url}/api/admin/content/problems`)).status).toBe(401);
    expect(await problems()).toEqual([
      expect.objectContaining({
        source: 'files',
        item: 'stories/draft.json',
        line: 1,
        column: 1,
        message: 'headline is required',
        outcome: 'not published',
      }),
    ]);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/admin/content`);
    await page.getByLabel('Moderator token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Refused: 1 file or post' }).waitFor();
    const draftItem = refusedItem(page, 'stories/draft.json');
    expect(await draftItem.locator('.content-problem-outcome').textContent()).toBe('Not published.');
    expect(await draftItem.getByRole('listitem').allTextContents()).toEqual(['Line 1, column 1: headline is required']);
    await expectNoAxeViolations(page);

    // An edit that breaks a story already online: listed with where, and its last good version stays.
    const broken = { ...relatedSet()['story-2'], publishedAt: 'last Tuesday' };
    writeFileSync(join(contentDir, 'stories', 'story-2.json'), JSON.stringify(broken, null, 2));
    await expect.poll(async () => (await problems()).length, { timeout: 10_000, interval: 200 }).toBe(2);
    await page.getByRole('button', { name: 'Check again' }).click();
    const storyItem = refusedItem(page, 'stories/story-2.json');
    await storyItem.waitFor();
    expect(await storyItem.locator('.content-problem-outcome').textContent()).toBe('The last good version stays.');
    expect(await storyItem.getByRole('listitem').allTextContents()).toEqual([
      'Line 8, column 3: publishedAt: not a date; use ISO 8601 with a time zone, e.g. 2026-11-20T08:30:00Z',
    ]);
    await expectNoAxeViolations(page);

    // Fixed files leave the list.
    writeFileSync(join(contentDir, 'stories', 'draft.json'), JSON.stringify(makeStory('draft', { related })));
    writeFileSync(join(contentDir, 'stories', 'story-2.json'), JSON.stringify(relatedSet()['story-2']));
    await expect.poll(async () => (await problems()).length, { timeout: 10_000, interval: 200 }).toBe(0);
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByRole('heading', { name: 'Every content file and post was accepted' }).waitFor();
    expect(await page.locator('.content-problem').count()).toBe(0);
    await expectNoAxeViolations(page);
    // The moderation view is a link away, signed in with the same token.
    await page.getByRole('link', { name: 'Moderation' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByLabel('Moderator token').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
