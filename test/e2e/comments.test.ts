import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoryPage } from '../../src/schema';
import { expectNoAxeViolations, holdAppScript, launchBrowser, openPage, reloadPage, trackPageErrors, waitForApp } from '../helpers/browser';
import { seedApprovedComments, startServer, type RunningServer } from '../helpers/server';

const TOKEN = 'e2e-moderator-token-0123456789ab';
let server: RunningServer;
let browser: Browser;
let reader: BrowserContext;
let slugs: string[];

beforeAll(async () => {
  server = await startServer({ ADMIN_TOKEN: TOKEN, COMMENT_FLOOD_SECONDS: '0' });
  browser = await launchBrowser();
  reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = StoryPage.parse(await (await fetch(`${server.url}/api/stories?limit=20`)).json());
  slugs = page.stories.map((story) => story.slug);
});

afterAll(async () => {
  await reader?.close();
  await browser?.close();
  await server?.stop();
});

const form = (page: Page) => page.getByRole('form', { name: 'Leave a reply' });

async function openStory(page: Page, slug: string) {
  await openPage(page, `${server.url}/stories/${slug}`);
  await page.locator('#comments h2').waitFor();
  // The comments' code loads as they come near the screen; the app has taken the form over once it has hydrated
  // them (the form is marked then; before that it posts as a plain HTML form).
  await page.locator('#comments').scrollIntoViewIfNeeded();
  await enhanced(page);
}

const enhanced = (page: Page) => page.locator('#comments form[data-enhanced]').first().waitFor();

/** Reloads, and scrolls to the comments so their code loads and hydrates them (with any kept draft). */
async function reloadToComments(page: Page) {
  await reloadPage(page);
  await page.locator('#comments').scrollIntoViewIfNeeded();
}

async function fill(page: Page, values: { text?: string; name?: string; email?: string; website?: string }, scope = form(page)) {
  if (values.text !== undefined) await scope.getByRole('textbox', { name: 'Comment', exact: true }).fill(values.text);
  if (values.name !== undefined) await scope.getByRole('textbox', { name: 'Name', exact: true }).fill(values.name);
  if (values.email !== undefined) await scope.getByRole('textbox', { name: 'Email', exact: true }).fill(values.email);
  if (values.website !== undefined) await scope.getByRole('textbox', { name: 'Website', exact: true }).fill(values.website);
}

async function approveOnAdmin(page: Page, name: string) {
  await openPage(page, `${server.url}/admin`);
  const tokenField = page.getByLabel('Moderator token');
  const signedIn = page.getByRole('button', { name: 'Sign out' });
  await tokenField.or(signedIn).waitFor();
  if (await tokenField.isVisible()) {
    await tokenField.fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  const approve = page.getByRole('button', { name: `Approve the comment by ${name}` });
  await approve.click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Approved' }).count()).toBe(1);
  await expect.poll(() => approve.count()).toBe(0);
}

describe('leaving a comment', () => {
  it('shows each error next to its field, announced, with focus on the first, and passes axe', async () => {
    const page = await reader.newPage();
    await openStory(page, slugs[0]!);
    await fill(page, { email: 'not-an-email' });
    await form(page).getByRole('button', { name: 'Post Comment' }).click();

    const comment = form(page).getByRole('textbox', { name: 'Comment', exact: true });
    await expect.poll(() => comment.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await page.locator(`#${await comment.getAttribute('aria-describedby')}`).textContent()).toBe('Please type your comment.');
    const email = form(page).getByRole('textbox', { name: 'Email', exact: true });
    expect(await page.locator(`#${await email.getAttribute('aria-describedby')}`).textContent()).toMatch(/valid email address/);
    expect(await form(page).getByRole('textbox', { name: 'Name', exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await form(page).getByRole('textbox', { name: 'Website', exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await form(page).getByRole('status').textContent()).toBe('Your comment was not posted: 3 fields need attention.');
    expect(await form(page).getByRole('textbox', { name: 'Name', exact: true }).getAttribute('required')).not.toBeNull();
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('posts, shows "awaiting moderation", and after approval on /admin another reader sees it', async () => {
    const page = await reader.newPage();
    const errors = trackPageErrors(page);
    await openStory(page, slugs[0]!);
    await fill(page, { text: 'The lanterns last year were lovely.\n\nSee https://example.org/lanterns for photos.', name: 'Iris Moderated', email: 'iris@example.com', website: 'https://iris.example' });
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    const mine = page.locator('.comment', { hasText: 'The lanterns last year were lovely.' });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Your comment is awaiting moderation.');
    expect(await form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('');

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await openStory(otherPage, slugs[0]!);
    expect(await otherPage.locator('.comment', { hasText: 'The lanterns last year' }).count()).toBe(0);

    const admin = await (await browser.newContext()).newPage();
    await approveOnAdmin(admin, 'Iris Moderated');
    await expectNoAxeViolations(admin);

    await openStory(otherPage, slugs[0]!);
    const seen = otherPage.locator('.comment', { hasText: 'The lanterns last year were lovely.' });
    await seen.waitFor();
    expect(await seen.textContent()).not.toContain('awaiting moderation');
    expect(await seen.getByRole('link', { name: 'Iris Moderated', exact: true }).getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(await seen.getByRole('link', { name: 'https://example.org/lanterns' }).count()).toBe(1);
    expect(await seen.locator('.comment-text p').count()).toBe(2);
    expect(await otherPage.locator('#comments-heading').textContent()).toMatch(/^Comments \([1-9]\d*\)$/);
    expect(await otherPage.content()).not.toContain('iris@example.com');
    await openPage(otherPage, `${server.url}/`);
    const card = otherPage.locator('.story-card', { has: otherPage.locator(`a[href="/stories/${slugs[0]}"]`) });
    await expect.poll(() => card.locator('.comment-count').textContent()).toMatch(/^[1-9]\d* comments?$/);
    await other.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('nests a reply under its parent, and "Cancel reply" puts the form back', async () => {
    const page = await reader.newPage();
    await openStory(page, slugs[0]!);
    const parent = page.locator('.comment', { hasText: 'The lanterns last year were lovely.' });
    await parent.getByRole('link', { name: 'Reply to Iris Moderated' }).click();
    const replyForm = page.getByRole('form', { name: 'Reply to Iris Moderated' });
    await replyForm.waitFor();
    expect(await form(page).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await replyForm.getByRole('link', { name: 'Cancel reply' }).click();
    await form(page).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Reply');

    await parent.getByRole('link', { name: 'Reply to Iris Moderated' }).click();
    // Iris is now a trusted commenter, so her reply is approved at once.
    await fill(page, { text: 'Replying to myself with more detail.', name: 'Iris Moderated', email: 'iris@example.com' }, replyForm);
    await replyForm.getByRole('button', { name: 'Post Comment' }).click();
    const nested = parent.locator('.comment-replies .comment', { hasText: 'Replying to myself with more detail.' });
    await nested.waitFor();
    expect(await nested.textContent()).not.toContain('awaiting moderation');
    await page.close();
  });

  it('keeps a draft through a reload and through going to another story and back', async () => {
    const page = await reader.newPage();
    await openStory(page, slugs[1]!);
    await fill(page, { text: 'A draft I must not lose.', name: 'Dana Draft', email: 'dana@example.com', website: 'https://dana.example' });
    await reloadToComments(page);
    await page.locator('#comments h2').waitFor();
    await expect.poll(() => form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('A draft I must not lose.');
    expect(await form(page).getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('Dana Draft');
    expect(await form(page).getByRole('textbox', { name: 'Email', exact: true }).inputValue()).toBe('dana@example.com');
    expect(await form(page).getByRole('textbox', { name: 'Website', exact: true }).inputValue()).toBe('https://dana.example');

    await page.getByRole('navigation', { name: 'Related stories' }).getByRole('link').first().click();
    await page.waitForURL((url) => !url.pathname.endsWith(slugs[1]!));
    await page.locator('#comments h2').waitFor();
    expect(await form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('');
    await page.goBack();
    await expect.poll(() => form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('A draft I must not lose.');
    await page.close();
  });

  it('keeps what was typed into the server-rendered form before the app arrived, and posts it', async () => {
    const page = await reader.newPage();
    const errors = trackPageErrors(page);
    // The app's script held back while the reader starts typing.
    const release = await holdAppScript(page);
    await page.goto(`${server.url}/stories/${slugs[8]}`);
    await fill(page, { text: 'Typed while the page was still plain HTML.', name: 'Early Ema', email: 'ema@example.com' });
    // Until the app arrives the form is a plain HTML form (it would post to the server as one).
    expect(await form(page).getAttribute('method')).toBe('post');
    expect(await form(page).getAttribute('data-enhanced')).toBeNull();
    expect(await page.evaluate(() => document.documentElement.dataset.app)).toBe('starting');

    release();
    await waitForApp(page);
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await enhanced(page);
    const comment = form(page).getByRole('textbox', { name: 'Comment', exact: true });
    expect(await comment.inputValue()).toBe('Typed while the page was still plain HTML.');
    expect(await form(page).getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('Early Ema');
    expect(await form(page).getByRole('textbox', { name: 'Email', exact: true }).inputValue()).toBe('ema@example.com');

    // Kept as a draft too: a reload brings it back.
    await reloadToComments(page);
    await expect.poll(() => comment.inputValue()).toBe('Typed while the page was still plain HTML.');
    await enhanced(page);
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    await expect
      .poll(() => form(page).getByRole('status').textContent())
      .toBe('Your comment was sent and is awaiting moderation.');
    expect(await comment.inputValue()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaves the server-rendered comments in place when the theme changes before they have hydrated', async () => {
    const page = await reader.newPage();
    // A tall window would put the comments near the screen at once; keep them far below.
    await page.setViewportSize({ width: 412, height: 500 });
    await openPage(page, `${server.url}/stories/${slugs[9]}`);
    const marked = await page.evaluate(() => {
      const section = document.getElementById('comments');
      if (section) (section as HTMLElement & { marker?: number }).marker = 1;
      return Boolean(section);
    });
    expect(marked).toBe(true);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.waitForTimeout(300);
    // The same element: React kept the server's HTML instead of replacing it with a loading placeholder.
    expect(
      await page.evaluate(() => (document.getElementById('comments') as (HTMLElement & { marker?: number }) | null)?.marker),
    ).toBe(1);
    await page.close();
  });

  it('keeps the draft when the server is down, and posts it with "Try again" once it is back', async () => {
    const page = await reader.newPage();
    await openStory(page, slugs[2]!);
    await fill(page, { text: 'Posted through an outage.', name: 'Olu Outage', email: 'olu@example.com' });
    await server.pause();
    try {
      await form(page).getByRole('button', { name: 'Post Comment' }).click();
      const failure = form(page).locator('.notice-error');
      await failure.waitFor();
      expect(await failure.textContent()).toContain('could not reach the server');
      expect(await form(page).getByRole('status').textContent()).toContain('could not reach the server');
      expect(await form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('Posted through an outage.');
      await page.reload().catch(() => undefined);
    } finally {
      await server.restart();
    }
    await openStory(page, slugs[2]!);
    await expect.poll(() => form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('Posted through an outage.');
    await server.pause();
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    await form(page).getByRole('button', { name: 'Try again' }).waitFor();
    await server.restart();
    await form(page).getByRole('button', { name: 'Try again' }).click();
    await page.locator('.comment', { hasText: 'Posted through an outage.' }).waitFor();
    await expect.poll(() => form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('');
    await reloadToComments(page);
    await page.locator('#comments h2').waitFor();
    expect(await form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('');
    await page.close();
  });

  it('gets the original answer, not "duplicate", when retrying a post whose answer was lost', async () => {
    const page = await reader.newPage();
    const errors = trackPageErrors(page);
    await openStory(page, slugs[3]!);
    await fill(page, { text: 'Sent from a train going into a tunnel.', name: 'Tam Tunnel', email: 'tam@example.com' });
    const keys: string[] = [];
    let answersLost = 0;
    await page.route('**/api/stories/*/comments', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (answersLost > 0) return route.fallback();
      // The request reaches the server, which stores the comment; its answer never reaches the reader.
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      answersLost++;
      return route.abort('connectionreset');
    });
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    await form(page).getByRole('button', { name: 'Try again' }).click();
    const mine = page.locator('.comment', { hasText: 'Sent from a train going into a tunnel.' });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Your comment is awaiting moderation.');
    expect(await page.getByText(/duplicate/i).count()).toBe(0);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const db = new Database(server.dbPath, { readonly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) AS n FROM comments WHERE email = 'tam@example.com'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows script and HTML in a comment as plain text, and runs none of it', async () => {
    const page = await reader.newPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const hostile = '<script>alert(1)</script> and <img src=x onerror=alert(1)>';
    await openStory(page, slugs[3]!);
    await fill(page, { text: hostile, name: '<b>Mallory</b>', email: 'mallory@example.com' });
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    const mine = page.locator('.comment', { hasText: '<script>alert(1)</script>' });
    await mine.waitFor();
    await approveOnAdmin(await page.context().newPage(), '<b>Mallory</b>');
    await reloadToComments(page);
    const approved = page.locator('.comment', { hasText: '<script>alert(1)</script>' });
    await approved.waitFor();
    expect(await approved.locator('.comment-text').textContent()).toBe(hostile);
    expect(await approved.locator('.comment-author').textContent()).toBe('<b>Mallory</b>');
    expect(await approved.locator('script, img, b').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it('does not post twice when the button is clicked twice', async () => {
    const page = await reader.newPage();
    await openStory(page, slugs[4]!);
    await fill(page, { text: 'Clicked twice, posted once.', name: 'Dot Double', email: 'dot@example.com' });
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await form(page).getByRole('button', { name: 'Post Comment' }).dblclick();
    await page.locator('.comment', { hasText: 'Clicked twice, posted once.' }).waitFor();
    expect(posts).toHaveLength(1);
    await page.close();
  });

  it('pages a long thread with "Show more comments"', async () => {
    const slug = slugs[5]!;
    seedApprovedComments(server.dbPath, slug, 55, (n) => `Comment number ${n}.`);
    const page = await reader.newPage();
    const errors = trackPageErrors(page);
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const requested: string[] = [];
    page.on('request', (request) => void (request.resourceType() === 'script' && requested.push(request.url())));
    // Far below the story, a long thread stays as the server rendered it until the reader comes near it.
    await openPage(page, `${server.url}/stories/${slug}`);
    await page.waitForTimeout(500);
    expect(requested.filter((url) => url.includes('/CommentsSection-'))).toEqual([]);
    expect(await page.locator('.comment').count()).toBe(50);
    await openStory(page, slug);
    expect(requested.filter((url) => url.includes('/CommentsSection-'))).toHaveLength(1);
    // A long thread is still one complete server render: no streamed part, no inline script for the CSP to block
    // beyond the page template's boot script (allowed by its hash).
    const html = await (await fetch(`${server.url}/stories/${slug}`)).text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.filter((tag) => !/ data-entry="|type="application\/(ld\+)?json"/.test(tag))).toEqual([]);
    expect(scripts).toHaveLength(3);
    expect(await page.locator('#comments-heading').textContent()).toBe('Comments (55)');
    expect(await page.locator('.comment').count()).toBe(50);
    expect(await page.locator('.comment .comment-text').first().textContent()).toBe('Comment number 1.');
    await page.getByRole('link', { name: 'Show more comments' }).click();
    await expect.poll(() => page.locator('.comment').count()).toBe(55);
    expect(await page.locator('.comment .comment-text').last().textContent()).toBe('Comment number 55.');
    expect(await page.getByRole('link', { name: 'Show more comments' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('remembers name, email and website for next time when asked to', async () => {
    const page = await reader.newPage();
    await openStory(page, slugs[6]!);
    await fill(page, { text: 'Remember me, please.', name: 'Rosa Remembered', email: 'rosa@example.com', website: 'https://rosa.example' });
    await form(page).getByRole('checkbox', { name: /Save my name, email, and website/ }).check();
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('.comment', { hasText: 'Remember me, please.' }).waitFor();
    await openStory(page, slugs[7]!);
    await expect.poll(() => form(page).getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('Rosa Remembered');
    expect(await form(page).getByRole('textbox', { name: 'Email', exact: true }).inputValue()).toBe('rosa@example.com');
    expect(await form(page).getByRole('textbox', { name: 'Comment', exact: true }).inputValue()).toBe('');
    expect(await form(page).getByRole('checkbox', { name: /Save my name/ }).isChecked()).toBe(true);
    await page.close();
  });
});
