import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, openPage, expectNoAxeViolationsAsServed } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * Standing pages and the site's navigation as a reader meets them, with the demo content: the footer's pages,
 * the header's sections (a row on wide screens, a menu on phones), with and without JavaScript.
 */
let server: RunningServer;
let browser: Browser;
let sections: { name: string; slug: string }[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  sections = ((await (await fetch(`${server.url}/api/sections`)).json()) as { sections: typeof sections }).sections;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const sectionsNav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

describe('without JavaScript', () => {
  it('serves a standing page whole, reached from the footer, with every section in the header', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP })).newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation', { name: 'About this site' }).getByRole('link', { name: 'Corrections' }).click();
    await page.waitForURL(`${server.url}/pages/corrections-policy`);
    expect(await page.locator('h1').textContent()).toBe('Corrections policy');
    expect(await page.title()).toBe('Corrections policy — Byline');
    await expect.poll(() => page.getByText('How to ask for a correction').count()).toBe(1);
    expect(await page.locator('.standing-page-updated time').getAttribute('datetime')).toBe('2026-11-20T10:00:00Z');
    expect(await sectionsNav(page).getByRole('link').allTextContents()).toEqual(sections.map((s) => s.name));
    await expectNoAxeViolationsAsServed(page);
    expect((await fetch(`${server.url}/pages/no-such-page`)).status).toBe(404);
    await page.context().close();
  });

  it('opens the sections menu on a phone with the disclosure alone, and marks the current section', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false, viewport: PHONE })).newPage();
    await page.goto(`${server.url}/pages/about-us`);
    const menu = sectionsNav(page).getByRole('group');
    const first = sectionsNav(page).getByRole('link', { name: sections[0]!.name });
    expect(await first.isVisible()).toBe(false);
    await sectionsNav(page).getByText('Sections').click();
    expect(await menu.getAttribute('open')).toBe('');
    await first.click();
    await page.waitForURL(`${server.url}/sections/${sections[0]!.slug}`);
    await sectionsNav(page).getByText('Sections').click();
    expect(await first.getAttribute('aria-current')).toBe('page');
    await expectNoAxeViolationsAsServed(page);
    await page.context().close();
  });
});

describe('with JavaScript', () => {
  it('works the phone menu by keyboard and lands on the section with its link marked', async () => {
    const page = await (await browser.newContext({ viewport: PHONE })).newPage();
    await openPage(page, `${server.url}/pages/accessibility`);
    expect(await page.locator('h1').textContent()).toBe('Accessibility statement');
    await expectNoAxeViolations(page);
    const summary = sectionsNav(page).locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await sectionsNav(page).getByRole('group').getAttribute('open')).toBe('');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe(sections[0]!.name);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/sections/${sections[0]!.slug}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(sections[0]!.name);
    await summary.click();
    expect(await sectionsNav(page).getByRole('link', { name: sections[0]!.name }).getAttribute('aria-current')).toBe(
      'page',
    );
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('shows the sections as a row on a desktop, marks a story’s section, and opens a footer page in place', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    const { stories } = (await (await fetch(`${server.url}/api/stories?limit=1`)).json()) as {
      stories: { slug: string; section: string }[];
    };
    await openPage(page, `${server.url}/stories/${stories[0]!.slug}`);
    const marked = sectionsNav(page).locator('a[aria-current]:visible');
    expect(await sectionsNav(page).locator('summary').isVisible()).toBe(false);
    expect(await marked.textContent()).toBe(stories[0]!.section);
    expect(await marked.getAttribute('aria-current')).toBe('true');
    await expectNoAxeViolations(page);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.getByRole('navigation', { name: 'About this site' }).getByRole('link', { name: 'About us' }).click();
    await page.waitForURL(`${server.url}/pages/about-us`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('About us');
    // Opened by the app, not a new page load.
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await sectionsNav(page).locator('a[aria-current]:visible').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
