import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Debian's Chromium, for the benchmark and the browser tests alike; CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function assertChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
}

/**
 * Resolves once the app has hydrated the server-rendered page (App marks <html data-app="ready">): the app's
 * script starts only after the first paint, and a click before then is a plain link's full page load.
 */
export async function waitForApp(page: Page) {
  await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
}
