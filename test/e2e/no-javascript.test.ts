import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolationsAsServed, launchBrowser } from '../helpers/browser';
import { seedApprovedComments, startServer, type RunningServer } from '../helpers/server';

/**
 * A reader whose browser runs no JavaScript (blocked, failed to load, an old device) does everything with the
 * plain HTML: comments, replies, theme and text size, paging.
 */
const TOKEN = 'no-js-token-0123456789abcdef0123';
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let slugs: string[];

beforeAll(async () => {
  server = await startServer({ ADMIN_TOKEN: TOKEN, COMMENT_FLOOD_SECONDS: '0' });
  browser = await launchBrowser();
  context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = (await (await fetch(`${server.url}/api/stories?limit=20`)).json()) as { stories: { slug: string }[] };
  slugs = page.stories.map((story) => story.slug);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/admin${path}`, { ...init, headers: { Authorization: `Bearer ${TOKEN}` } });

const mainForm = (page: Page) => page.getByRole('form', { name: 'Leave a reply' });

async function fill(scope: ReturnType<Page['getByRole']>, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    await scope.getByRole('textbox', { name: label, exact: true }).fill(value);
  }
}

describe('without JavaScript', () => {
  it('posts a comment: errors beside the fields with a focused summary and everything kept, then success', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/stories/${slugs[0]}`);
    expect(response?.status()).toBe(200);
    // Controls only the app can work are not offered; everything shown works.
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Copy link' }).count()).toBe(0);

    await fill(mainForm(page), { Name: 'Nell No-Script', Email: 'not-an-email' });
    await mainForm(page).getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(`${server.url}/stories/${slugs[0]}`);
    await page.getByRole('alert').waitFor();
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Your comment was not posted: 2 fields need attention.');
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    const comment = mainForm(page).getByRole('textbox', { name: 'Comment', exact: true });
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await comment.getAttribute('aria-describedby')}`).textContent()).toBe(
      'Please type your comment.',
    );
    const email = mainForm(page).getByRole('textbox', { name: 'Email', exact: true });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.inputValue()).toBe('not-an-email');
    expect(await mainForm(page).getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe(
      'Nell No-Script',
    );
    await expectNoAxeViolationsAsServed(page);

    await fill(mainForm(page), { Comment: 'Written and sent with scripts off.', Email: 'nell@example.com' });
    await mainForm(page).getByRole('button', { name: 'Post Comment' }).click();
    await page.getByText('Your comment was sent and is awaiting moderation.').waitFor();
    const mine = page.locator('.comment', { hasText: 'Written and sent with scripts off.' });
    expect(await mine.textContent()).toContain('Your comment is awaiting moderation.');
    expect(await mainForm(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('');
    await expectNoAxeViolationsAsServed(page);

    const pending = (await (await admin('/comments?status=pending')).json()) as { comments: { text: string }[] };
    expect(pending.comments.map((entry) => entry.text)).toContain('Written and sent with scripts off.');
    // The shared page does not show it to anyone else.
    expect(await (await fetch(`${server.url}/stories/${slugs[0]}`)).text()).not.toContain(
      'Written and sent with scripts off.',
    );
    await page.close();
  });

  it('replies to a comment through its Reply link', async () => {
    const slug = slugs[1]!;
    const posted = await fetch(`${server.url}/api/stories/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'A comment to answer.', name: 'Ravi Parent', email: 'ravi@example.com' }),
    });
    const { comment } = (await posted.json()) as { comment: { id: number } };
    await admin(`/comments/${comment.id}/approve`, { method: 'POST' });

    const page = await context.newPage();
    await page.goto(`${server.url}/stories/${slug}`);
    await page.getByRole('link', { name: 'Reply to Ravi Parent' }).click();
    await page.waitForURL(`${server.url}/stories/${slug}?replytocom=${comment.id}#respond`);
    const replyForm = page.getByRole('form', { name: 'Reply to Ravi Parent' });
    expect(
      await page.locator(`#comment-${comment.id}`).getByRole('form', { name: 'Reply to Ravi Parent' }).count(),
    ).toBe(1);
    expect(await mainForm(page).count()).toBe(0);
    await expectNoAxeViolationsAsServed(page);
    await fill(replyForm, { Comment: 'And here is my answer.', Name: 'Ula Reply', Email: 'ula@example.com' });
    await replyForm.getByRole('button', { name: 'Post Comment' }).click();
    await page.getByText('Your comment was sent and is awaiting moderation.').waitFor();
    const reply = page.locator(`#comment-${comment.id} .comment-replies .comment`, {
      hasText: 'And here is my answer.',
    });
    expect(await reply.count()).toBe(1);
    const pending = (await (await admin('/comments?status=pending')).json()) as {
      comments: { text: string; parentId: number | null }[];
    };
    expect(pending.comments.find((entry) => entry.text === 'And here is my answer.')?.parentId).toBe(comment.id);
    await page.close();
  });

  it('switches the theme and the text size with their forms, back at the same place', async () => {
    const own = await browser.newContext({ javaScriptEnabled: false });
    const page = await own.newPage();
    const url = `${server.url}/stories/${slugs[2]}`;
    await page.goto(url);
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.waitForURL(url);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 24, 28)');
    await expectNoAxeViolationsAsServed(page);

    const size = () =>
      page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.story-body')!).fontSize));
    const before = await size();
    await page.getByRole('button', { name: 'Larger text' }).click();
    await page.waitForURL(`${url}#text-size`);
    expect(await page.locator('html').getAttribute('data-text-size')).toBe('2');
    expect(await size()).toBeGreaterThan(before);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.waitForURL(url);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await expectNoAxeViolationsAsServed(page);
    await own.close();
  });

  it('pages through comments and stories with plain links', async () => {
    const slug = slugs[3]!;
    seedApprovedComments(server.dbPath, slug, 55, (n) => `Paged comment ${n}.`);

    const page = await context.newPage();
    await page.goto(`${server.url}/stories/${slug}`);
    expect(await page.locator('.comment').count()).toBe(50);
    await page.getByRole('link', { name: 'Show more comments' }).click();
    await page.waitForURL(/\?cursor=\d+#comments$/);
    expect(await page.locator('.comment .comment-text').allTextContents()).toEqual(
      [51, 52, 53, 54, 55].map((n) => `Paged comment ${n}.`),
    );
    expect(await page.getByRole('link', { name: 'Show more comments' }).count()).toBe(0);
    await expectNoAxeViolationsAsServed(page);

    await page.goto(`${server.url}/`);
    const firstPage = await page.locator('.story-card h2').allTextContents();
    await page.getByRole('link', { name: 'More stories' }).click();
    await page.waitForURL(/\/\?cursor=[\w-]+#main$/);
    const secondPage = await page.locator('.story-card h2').allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((headline) => firstPage.includes(headline))).toEqual([]);
    await expectNoAxeViolationsAsServed(page);
    await page.close();
  });
});
