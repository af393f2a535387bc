import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath, waitForApp } from './chromium';

/**
 * Client navigation in Chromium: on a story page, click a related story and time from the click to the frame
 * that first paints the new story's h1. The page records both ends itself (performance.now() in a capturing
 * click listener, a MutationObserver for the new h1, then requestAnimationFrame and a message posted from it,
 * which runs once that frame has been produced), so no round trip to the test process is counted.
 */

/** The links the bench clicks: a story's related rail. */
export const RELATED_LINK = 'nav[aria-label="Related stories"] a';

export interface NavigationSample {
  /** Click to the frame that shows the new h1. */
  ms: number;
  /** Click to the new h1 in the DOM (before layout and paint). */
  domMs: number;
  target: string;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

declare global {
  interface Window {
    __bylineNav?: { clickedAt?: number; insertedAt?: number; paintedAt?: number; headline: string };
  }
}

async function arm(page: Page, headline: string) {
  await page.evaluate((expected) => {
    const state: NonNullable<Window['__bylineNav']> = { headline: expected };
    window.__bylineNav = state;
    document.addEventListener('click', () => (state.clickedAt ??= performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const heading = document.querySelector('h1');
      if (!heading || heading.textContent?.trim() !== expected) return;
      observer.disconnect();
      state.insertedAt = performance.now();
      // rAF runs just before the frame that shows the h1 is drawn; a message posted from it runs right after.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (state.paintedAt = performance.now());
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, headline);
}

/**
 * One sample on a fresh page. With `prefetch`, the pointer rests on the link for `hoverMs` first (the app
 * starts fetching the story on hover); without, the click is dispatched from script, so no hover or focus
 * happens before it.
 */
async function sample(
  browser: Browser,
  storyUrl: string,
  prefetch: boolean,
  hoverMs: number,
): Promise<NavigationSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(storyUrl, { waitUntil: 'load' });
    await waitForApp(page);
    const link = page.locator(RELATED_LINK).first();
    await link.waitFor();
    // Let the page settle (hydration, comments) so the click is all that is measured.
    await page.waitForLoadState('networkidle');
    const headline = (await link.textContent())?.trim();
    if (!headline) throw new Error(`the first related link on ${storyUrl} has no text`);
    const currentHeadline = (await page.locator('h1').first().textContent())?.trim();
    if (currentHeadline === headline) throw new Error(`the related link on ${storyUrl} points at the same story`);
    await arm(page, headline);
    if (prefetch) {
      await link.hover();
      await page.waitForTimeout(hoverMs);
      await link.click({ noWaitAfter: true });
    } else {
      await link.evaluate((anchor: HTMLAnchorElement) => anchor.click());
    }
    await page.waitForFunction(() => window.__bylineNav?.paintedAt !== undefined, undefined, { timeout: 10_000 });
    const state = await page.evaluate(() => window.__bylineNav!);
    if (state.clickedAt === undefined || state.insertedAt === undefined || state.paintedAt === undefined) {
      throw new Error('the click or the paint was not recorded');
    }
    if (!page.url().includes('/stories/')) throw new Error(`navigation ended at ${page.url()}`);
    return { ms: state.paintedAt - state.clickedAt, domMs: state.insertedAt - state.clickedAt, target: headline };
  } finally {
    await context.close();
  }
}

export async function measureNavigation(
  browser: Browser,
  storyUrl: string,
  options: { samples: number; prefetch: boolean; hoverMs?: number },
): Promise<NavigationSample[]> {
  const samples: NavigationSample[] = [];
  for (let index = 0; index < options.samples; index++) {
    samples.push(await sample(browser, storyUrl, options.prefetch, options.hoverMs ?? 300));
  }
  return samples;
}

/**
 * The scripts a first visit to `url` actually fetches, without scrolling, until the network is idle: the
 * entry from index.html plus whatever lazy chunks the page pulls in at once.
 */
export async function scriptsOnFirstVisit(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
    });
    await page.goto(url, { waitUntil: 'load' });
    await waitForApp(page);
    await page.waitForLoadState('networkidle');
    return [...scripts];
  } finally {
    await context.close();
  }
}
