import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommentPage, StoryPage } from '../../src/schema';
import {
  expectNoAxeViolations,
  holdAppScript,
  launchBrowser,
  openPage,
  trackPageErrors,
  waitForApp,
} from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

const TOKEN = 'e2e-moderation-token-0123456789a';
/** More than one page of the queue (50), so the moderator pages through it. */
const PENDING = 55;
let server: RunningServer;
let browser: Browser;
let slug: string;

beforeAll(async () => {
  server = await startServer({ ADMIN_TOKEN: TOKEN, COMMENT_FLOOD_SECONDS: '0' });
  browser = await launchBrowser();
  slug = StoryPage.parse(await (await fetch(`${server.url}/api/stories?limit=1`)).json()).stories[0]!.slug;
  for (let index = 1; index <= PENDING; index++) {
    const response = await fetch(`${server.url}/api/stories/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'QueueFiller/1.0' },
      body: JSON.stringify({
        name: `Queued ${index}`,
        email: `queued.${index}@example.com`,
        text: `Queued comment ${index}.`,
      }),
    });
    expect(response.status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const view = (page: Page, label: string) =>
  page.getByRole('group', { name: 'Show comments' }).getByRole('button', { name: new RegExp(`^${label}`) });
const items = (page: Page) => page.locator('.moderation-item');

describe('the moderators’ view', () => {
  it('pages through the queue, shows each sender, and acts on several comments at once by keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await openPage(page, `${server.url}/admin`);
    await page.getByLabel('Moderator token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page
      .getByRole('button', { name: 'Sign out' })
      .waitFor()
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n${await page.locator('main').innerText()}`);
      });
    await expect.poll(() => view(page, 'Pending').textContent()).toBe(`Pending (${PENDING})`);
    expect(await view(page, 'Pending').getAttribute('aria-pressed')).toBe('true');
    expect(await items(page).count()).toBe(50);
    // The newest first, with what moderators need to judge the sender.
    const newest = items(page).first();
    expect(await newest.getByRole('heading').textContent()).toMatch(new RegExp(`^Queued ${PENDING} on `));
    // The sender's email is shown as text: nothing a commenter typed is a link in this view.
    expect(await newest.getByText(`queued.${PENDING}@example.com`, { exact: true }).count()).toBe(1);
    expect(await newest.getByRole('link', { name: `queued.${PENDING}@example.com` }).count()).toBe(0);
    expect(await newest.locator('dd').allTextContents()).toEqual([
      `queued.${PENDING}@example.com`,
      'none',
      'QueueFiller/1.0',
      expect.stringMatching(/^[0-9a-f]{12}$/),
    ]);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'More comments' }).click();
    await expect.poll(() => items(page).count()).toBe(PENDING);
    expect(await items(page).last().getByRole('heading').textContent()).toMatch(/^Queued 1 on /);

    // Keyboard only: Space ticks three boxes, Enter approves them together.
    for (const index of [1, 2, 3]) {
      await page.getByRole('checkbox', { name: `Select the comment by Queued ${index}`, exact: true }).focus();
      await page.keyboard.press('Space');
    }
    expect(await page.getByRole('group', { name: 'Act on the selected comments' }).textContent()).toContain(
      '3 selected',
    );
    await page.getByRole('button', { name: 'Approve selected' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Approved: 3 comments.' }).count()).toBe(1);
    await expect.poll(() => view(page, 'Pending').textContent()).toBe(`Pending (${PENDING - 3})`);
    expect(await view(page, 'Approved').textContent()).toBe('Approved (3)');
    const approved = CommentPage.parse(await (await fetch(`${server.url}/api/stories/${slug}/comments`)).json());
    expect(approved.comments.map((comment) => comment.name).sort()).toEqual(['Queued 1', 'Queued 2', 'Queued 3']);

    // Select all shown and mark them as spam: the pending queue's first page empties into the spam one.
    await page.getByRole('checkbox', { name: /^Select all \d+ shown$/ }).check();
    await page.getByRole('button', { name: 'Spam selected' }).click();
    await expect.poll(() => view(page, 'Spam').textContent(), { timeout: 10_000 }).toBe(`Spam (${PENDING - 3})`);
    expect(await view(page, 'Pending').textContent()).toBe('Pending (0)');
    await expect.poll(() => page.getByText('Nothing here. All caught up.').count()).toBe(1);

    await view(page, 'Spam').click();
    await expect.poll(() => items(page).count()).toBe(50);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000); // a loaded 2-core machine takes its time over 55 items and three refreshes

  it('keeps a token filled in before the app took the sign-in form over, and signs in with it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    // The app's script held back while a password manager fills in the token.
    const release = await holdAppScript(page);
    await page.goto(`${server.url}/admin`);
    const form = page.getByRole('form', { name: 'Moderator sign-in' });
    await form.getByLabel('Moderator token').fill(TOKEN);
    // Until the app has the form, Sign in would only reload the page: it is not shown (so not in the accessibility
    // tree either, hence found by its markup), and not enabled.
    const hiddenSignIn = form.locator('button[type="submit"]');
    expect(await hiddenSignIn.textContent()).toBe('Sign in');
    expect(await hiddenSignIn.isVisible()).toBe(false);
    expect(await hiddenSignIn.isDisabled()).toBe(true);
    expect(await form.getAttribute('data-enhanced')).toBeNull();

    release();
    await waitForApp(page);
    await page.locator('form[data-enhanced]').waitFor();
    expect(await form.getByLabel('Moderator token').inputValue()).toBe(TOKEN);
    await expectNoAxeViolations(page);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await view(page, 'Pending').getAttribute('aria-pressed')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });
});
