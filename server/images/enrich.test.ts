import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeAuthor, makeStory, relatedSet, writeContentDir } from '../../test/helpers/content';
import { openTestStore } from '../../test/helpers/engine';
import { noiseJpeg } from '../../test/helpers/photos';
import { createChanges } from '../changes';
import { syncFiles } from '../sources';
import { createImages } from '.';
import { scratchDir } from '../../test/helpers/scratch';

describe('content synced with the image service', () => {
  it('stores each raster image’s hash and upright size, fills missing width and height, leaves SVG alone', async () => {
    const stories: Record<string, unknown> = relatedSet();
    stories['with-photo'] = makeStory('with-photo', {
      related: ['story-1', 'story-2', 'story-3'],
      image: { src: '/images/harbour.jpg', alt: 'The harbour at dawn' },
      body: [
        { type: 'paragraph', content: [{ type: 'text', text: 'One.' }] },
        // A hand-written variants field is not trusted: the server's own replaces it.
        {
          type: 'image',
          src: '/images/harbour.jpg',
          alt: 'Again',
          width: 300,
          height: 200,
          variants: { hash: 'ffffffff', width: 1, height: 1 },
        },
        { type: 'image', src: '/images/map.svg', alt: 'A map' },
        { type: 'image', src: '/images/missing.jpg', alt: 'Gone' },
      ],
    });
    const dir = writeContentDir({ authors: [makeAuthor()], stories });
    mkdirSync(join(dir, 'images'));
    writeFileSync(join(dir, 'images', 'harbour.jpg'), await noiseJpeg(1600, 1000));
    writeFileSync(join(dir, 'images', 'map.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    const logs: string[] = [];
    const images = createImages({
      contentDir: dir,
      distDir: join(dir, 'no-build'),
      cacheDir: scratchDir('variants'),
      cacheBytes: 8 * 1024 * 1024,
      transforms: 1,
      log: (message) => logs.push(message),
    });
    const store = await openTestStore();
    try {
      await syncFiles(store.content(createChanges()), dir, {
        displayRoot: dir,
        images: images.enricher,
      });
      const story = await store.stories.story('with-photo');
      // The tone travels with the rest into the store: each channel near mid-grey, for noise around #808080 (sharp gives the centre of a 16-level bin).
      const variants = {
        hash: expect.stringMatching(/^(?!ffffffff)[0-9a-f]{8}$/),
        width: 1600,
        height: 1000,
        tone: expect.stringMatching(/^#(?:[6-9][0-9a-f]){3}$/),
      };
      expect(story?.image).toEqual({
        src: '/images/harbour.jpg',
        alt: 'The harbour at dawn',
        width: 1600,
        height: 1000,
        variants,
      });
      expect(story?.body.slice(1)).toEqual([
        { type: 'image', src: '/images/harbour.jpg', alt: 'Again', width: 300, height: 200, variants },
        { type: 'image', src: '/images/map.svg', alt: 'A map' },
        { type: 'image', src: '/images/missing.jpg', alt: 'Gone' },
      ]);
      expect(logs).toEqual([
        'images: stories/with-photo: /images/missing.jpg is not in the content folder nor the built site',
      ]);
    } finally {
      await store.close();
    }
  });
});
