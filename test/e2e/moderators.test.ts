import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostedComment, StoryPage } from '../../src/schema';
import { expectNoAxeViolations, launchBrowser, openPage, trackPageErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

const OPERATOR = 'e2e-moderators-operator-token-0123456';
const root = join(import.meta.dirname, '..', '..');
let server: RunningServer;
let browser: Browser;
let slugs: string[];
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
const NAMES = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa'];

/** `npm run moderators -- add <name>` as an operator runs it, on the server's database; the token is its last line. */
async function addModerator(name: string) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/moderators.ts', 'add', name],
    {
      cwd: root,
      env: { ...process.env, DB_PATH: server.dbPath, DATABASE_URL: '' },
    },
  );
  expect(stdout).toContain(`moderator "${name}" added`);
  return stdout.trim().split('\n').at(-1)!;
}

async function post(slug: string, name: string, text: string, email = `${name.toLowerCase()}@example.com`) {
  const response = await fetch(`${server.url}/api/stories/${slug}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, email, text }),
  });
  expect(response.status).toBe(201);
  return PostedComment.parse(await response.json());
}

beforeAll(async () => {
  server = await startServer({ ADMIN_TOKEN: OPERATOR, COMMENT_FLOOD_SECONDS: '0' });
  browser = await launchBrowser();
  const stories = StoryPage.parse(await (await fetch(`${server.url}/api/stories?limit=2`)).json()).stories;
  slugs = stories.map((story) => story.slug);
  tokens.alice = await addModerator('alice');
  tokens.bob = await addModerator('bob');
  // A trusted reader (one comment approved) whose link-stuffed comment still waits.
  const first = await post(slugs[0]!, 'Trusted', 'An honest first comment.');
  const approve = await fetch(`${server.url}/api/admin/comments/${first.comment.id}/approve`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${OPERATOR}` },
  });
  expect(approve.status).toBe(200);
  const stuffed = await post(
    slugs[0]!,
    'Trusted',
    'Cheap watches https://spam.example/a and https://spam.example/b, also www.spam.example/c',
  );
  expect(stuffed.status).toBe('pending');
  ids.stuffed = stuffed.comment.id;
  for (const name of NAMES) {
    ids[name] = (
      await post(slugs[name.length % 2]!, name, `${name} says something reasonable about the story.`)
    ).comment.id;
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const items = (page: Page) => page.locator('.moderation-item');
const view = (page: Page, label: string) =>
  page.getByRole('group', { name: 'Show comments' }).getByRole('button', { name: new RegExp(`^${label}`) });

async function signIn(page: Page, token: string) {
  await openPage(page, `${server.url}/admin`);
  await page.getByLabel('Moderator token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await items(page).first().waitFor();
}

describe('named moderators in the browser', () => {
  it('shows at least 8 comments at once in a 1280×900 window', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, tokens.alice!);
    await expect.poll(() => items(page).count()).toBe(11);
    // Counted from the top of the page as it opens: items wholly inside the window.
    const inside = await items(page).evaluateAll(
      (elements) => elements.filter((element) => element.getBoundingClientRect().bottom <= window.innerHeight).length,
    );
    expect(inside).toBeGreaterThanOrEqual(8);
    await context.close();
  }, 60_000);

  it('holds a link-stuffed comment with its links as plain text', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await signIn(page, tokens.bob!);
    const stuffed = items(page).filter({ has: page.getByRole('heading', { name: /^Trusted on / }) });
    expect(await stuffed.count()).toBe(1);
    expect(await stuffed.textContent()).toContain('3 links');
    expect(await stuffed.locator('.moderation-text').textContent()).toBe(
      'Cheap watches https://spam.example/a and https://spam.example/b, also www.spam.example/c',
    );
    // Not one link to the spammer anywhere in the view: only the story's own link and the app's.
    expect(await stuffed.locator('.moderation-text a').count()).toBe(0);
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.filter((href) => href?.includes('spam.example'))).toEqual([]);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('filters the queue by story and searches it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, tokens.alice!);
    const search = page.getByRole('search', { name: 'Search the queue' });
    await search.getByLabel('Text, name or email').fill('GAMMA@example');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => items(page).count()).toBe(1);
    expect(await items(page).getByRole('heading').textContent()).toMatch(/^Gamma on /);
    expect(await page.getByRole('status').filter({ hasText: 'match' }).textContent()).toBe('1 of them match.');
    await search.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => items(page).count()).toBe(11);

    const gamma = items(page).filter({ has: page.getByRole('heading', { name: /^Gamma on / }) });
    await gamma.getByRole('button', { name: /^This story only: / }).click();
    // Gamma's story (5 letters: the second story) holds the names with an odd number of letters.
    const odd = NAMES.filter((name) => name.length % 2 === 1).sort();
    await expect.poll(() => items(page).count()).toBe(odd.length);
    const names = await items(page).getByRole('heading').allTextContents();
    expect(names.map((name) => name.split(' on ')[0]).sort()).toEqual(odd);
    expect(await page.getByText('Only comments on').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Show every story' }).click();
    await expect.poll(() => items(page).count()).toBe(11);
    await context.close();
  }, 60_000);

  it('records two moderators’ decisions, beside the comment and in the audit list', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await signIn(page, tokens.alice!);
    await page.getByRole('button', { name: 'Approve the comment by Delta' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Approved: the comment by Delta.' }).count())
      .toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByLabel('Moderator token').fill(tokens.bob!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Spam the comment by Epsilon' }).click();
    await expect.poll(() => view(page, 'Spam').textContent()).toBe('Spam (1)');

    await view(page, 'Approved').click();
    const delta = items(page).filter({ has: page.getByRole('heading', { name: /^Delta on / }) });
    await expect.poll(() => delta.count()).toBe(1);
    expect(await delta.locator('.moderation-decision').textContent()).toMatch(/^Approved by alice, /);

    await page.getByRole('button', { name: 'Audit list' }).click();
    await page.getByRole('heading', { name: 'Audit list' }).waitFor();
    const entries = page.locator('.moderation-audit li');
    await expect.poll(() => entries.count()).toBe(3);
    const lines = await entries.allTextContents();
    expect(lines[0]).toMatch(new RegExp(`^Marked as spam by bob, .*: comment #${ids.Epsilon} by Epsilon on `));
    expect(lines[1]).toMatch(new RegExp(`^Approved by alice, .*: comment #${ids.Delta} by Delta on `));
    // The operator's approval of the trusted reader, before either moderator.
    expect(lines[2]).toMatch(/^Approved by admin, .*: comment #\d+ by Trusted on /);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
