import { afterEach, describe, expect, it } from 'vitest';
import { makeAuthor, makeStory } from '../../test/helpers/content';
import { emptyPublishingSite } from '../../test/helpers/publishingSite';
import { createChanges } from '../changes';
import type { Store } from '../store';

const TOKEN = 'section-names-token-0123456789ab';
let store: Store | undefined;
afterEach(() => store?.close());

async function site() {
  const changes = createChanges();
  const seen: string[][] = [];
  changes.subscribe((keys) => seen.push([...keys]));
  const { store: opened, app, send } = await emptyPublishingSite(TOKEN, changes);
  store = opened;
  /** Whether `sections` was published since the last call, once the names have been read again. */
  const sectionsChanged = async () => {
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const changed = seen.some((keys) => keys.includes('sections'));
    seen.length = 0;
    return changed;
  };
  return { app, send, sectionsChanged };
}

describe("the header's section names", () => {
  it('change, and name the `sections` key, only when a section appears or empties', async () => {
    const { app, send, sectionsChanged } = await site();
    expect((await send('PUT', '/api/admin/authors/ada-test', makeAuthor())).status).toBe(201);
    await sectionsChanged();
    expect((await send('PUT', '/api/admin/stories/one', makeStory('one', { section: 'Harbour' }))).status).toBe(201);
    expect(await sectionsChanged()).toBe(true);
    // Another story in the same section: every list of stories changes, the names do not.
    expect((await send('PUT', '/api/admin/stories/two', makeStory('two', { section: 'Harbour' }))).status).toBe(201);
    expect(await sectionsChanged()).toBe(false);
    const names = await app.request('/api/section-names');
    expect(await names.json()).toEqual({ sections: [{ slug: 'harbour', name: 'Harbour' }] });
    expect(names.headers.get('Surrogate-Key')).toBe('sections');
    expect((await send('PUT', '/api/admin/stories/three', makeStory('three', { section: 'Council' }))).status).toBe(
      201,
    );
    expect(await sectionsChanged()).toBe(true);
    expect((await send('DELETE', '/api/admin/stories/three')).status).toBeLessThan(300);
    expect(await sectionsChanged()).toBe(true);
    expect(await (await app.request('/api/section-names')).json()).toEqual({
      sections: [{ slug: 'harbour', name: 'Harbour' }],
    });
  });
});
