import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import { createChanges } from '../changes';
import type { Store } from '../store';
import { startScheduler, type Scheduler } from './scheduler';

let store: Store | undefined;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  scheduler?.stop();
  await store?.close();
});

async function setUp(options: { maxWaitMs?: number } = {}) {
  store = await openTestStore();
  const changes = createChanges();
  const content = store.content(changes);
  await content.syncSource('files', { authors: [makeAuthor()], stories: Object.values(relatedSet()), keep: [] });
  const heard: { keys: string[]; at: number }[] = [];
  scheduler = startScheduler({ schedule: store.schedule, changes, ...options });
  await scheduler.ready;
  changes.subscribe((keys) => heard.push({ keys: [...keys].sort(), at: Date.now() }));
  return { content, heard };
}

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('the scheduler', () => {
  it('tells the caches when a story written after it started comes due, not before', async () => {
    const { content, heard } = await setUp();
    const due = inMs(700);
    await content.upsertStory('api', makeStory('soon', { publishedAt: due, section: 'World' }));
    heard.length = 0; // the write's own keys
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(heard).toEqual([]);
    await expect.poll(() => heard.length, { timeout: 3000, interval: 20 }).toBe(1);
    expect(heard[0]!.keys).toEqual(['author:ada-test', 'front', 'search', 'section:world', 'story:soon']);
    expect(heard[0]!.at).toBeGreaterThanOrEqual(Date.parse(due));
    expect(heard[0]!.at - Date.parse(due)).toBeLessThan(1000);
    expect(await store!.stories.exists('soon')).toBe(true);
  });

  it('follows a story moved to another time and forgets a withdrawn one', async () => {
    const { content, heard } = await setUp();
    await content.upsertStory('api', makeStory('moved', { publishedAt: inMs(60_000) }));
    await content.upsertStory('api', makeStory('dropped', { publishedAt: inMs(600) }));
    await content.withdrawStory('api', 'dropped');
    const due = inMs(800);
    await content.upsertStory('api', makeStory('moved', { publishedAt: due }));
    heard.length = 0;
    await expect.poll(() => heard.length, { timeout: 3000, interval: 20 }).toBe(1);
    expect(heard[0]!.keys).toContain('story:moved');
    expect(heard[0]!.keys).not.toContain('story:dropped');
    expect(heard[0]!.at).toBeGreaterThanOrEqual(Date.parse(due));
  });

  it('looks again after at most maxWaitMs, so a story due beyond it is still told', async () => {
    const { content, heard } = await setUp({ maxWaitMs: 200 });
    // The timer is set for a story an hour ahead...
    await content.upsertStory('api', makeStory('far', { publishedAt: inMs(3_600_000) }));
    // ...and this one is written through another bus, as by a server whose relay was lost: nothing re-arms it.
    await store!.content(createChanges()).upsertStory('api', makeStory('quiet', { publishedAt: inMs(600) }));
    await expect
      .poll(() => heard.map((entry) => entry.keys).flat(), { timeout: 3000, interval: 20 })
      .toContain('story:quiet');
  });
});
