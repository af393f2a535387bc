import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

import { assertChromium, chromiumFlags, chromiumPath, waitForApp } from '../../scripts/bench/chromium';
import { BOOT_SCRIPT } from '../../server/pages';

export { chromiumPath, waitForApp };
export const artifactsDir = join(import.meta.dirname, '..', '..', 'test-results');

/** Debian's Chromium with the flags this machine needs (one list, shared with the benchmark). */
export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/** Runs axe on the page as it is now and fails with a readable list of what it found. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(' ')).join('\n  ')}`,
  );
  expect(found, found.join('\n')).toEqual([]);
}

/**
 * axe runs as a script in the page, which a context without JavaScript does not allow: the page as that reader
 * has it (its DOM, at its own address, without the boot script so no app starts) is checked in a fresh context
 * of the same browser and viewport that does.
 */
export async function expectNoAxeViolationsAsServed(page: Page) {
  const html = (await page.content()).replace(BOOT_SCRIPT, '');
  const url = page.url().split('#')[0]!;
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
  const checker = await context.newPage();
  await checker.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await checker.goto(url);
  expect(await checker.evaluate(() => document.documentElement.dataset.app)).toBeUndefined();
  await expectNoAxeViolations(checker);
  await context.close();
}

export async function saveScreenshot(page: Page, name: string) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Collects uncaught page errors so a test can assert the page never threw. */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Opens a page of the app and waits until the app has taken it over (so clicks navigate in place). */
export async function openPage(page: Page, url: string) {
  const response = await page.goto(url);
  await waitForApp(page);
  return response;
}

/** Reloads the page and waits until the app has taken it over again. */
export async function reloadPage(page: Page) {
  const response = await page.reload();
  await waitForApp(page);
  return response;
}

/**
 * Holds the app's entry script back, as a slow connection would, so a test can act on the server's HTML before the
 * app takes it over. Returns the release.
 */
export async function holdAppScript(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
