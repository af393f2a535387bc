import type { AuthorFile, StoryFile } from '../../src/schema';
import { fitCopies, type CopyCandidate } from './copies';
import type { ImageService } from './service';

/** Copies of an image its source system made already (WordPress's sizes), by the image's `src`. */
export type CopiesOf = (src: string) => readonly CopyCandidate[] | undefined;

type Fields = { src: string; width?: number; height?: number; variants?: unknown };

/**
 * Content with what the pages need to offer resized copies of each raster image: its content hash and upright
 * size (`variants`), and width and height when the content gave none. A `variants` written by hand is replaced
 * (only the server knows it); an image that is missing, SVG, animated or unreadable keeps none and is served
 * as it is, with one log line saying why. Published images are queued to be made ahead of their first reader.
 */
export function createImageEnricher(service: ImageService, log: (message: string) => void = console.error) {
  async function enrich<T extends Fields>(image: T, where: string, copiesOf?: CopiesOf): Promise<T> {
    const { variants: _written, ...plain } = image;
    const description = await service.describe(image.src).catch((error: unknown) => {
      log(`images: ${where}: ${image.src} cannot be read: ${(error as Error).message}`);
      return undefined;
    });
    if (!description) {
      // A site path that is nowhere: the page keeps the image (its alt text shows), the editor learns why.
      if (image.src.startsWith('/'))
        log(`images: ${where}: ${image.src} is not in the content folder nor the built site`);
      return plain as T;
    }
    if (description.kind === 'original') {
      if (!description.reason.startsWith('SVG'))
        log(`images: ${where}: ${image.src} is served as it is: ${description.reason}`);
      return plain as T;
    }
    const candidates = copiesOf?.(image.src) ?? [];
    const copies = candidates.length ? await fitCopies(description.variants, candidates, service.describe, log) : [];
    const variants = copies.length ? { ...description.variants, copies } : description.variants;
    service.prepare(image.src, variants);
    const sized = plain.width && plain.height ? {} : { width: variants.width, height: variants.height };
    return { ...plain, ...sized, variants } as T;
  }

  return {
    /** `copiesOf`: copies its source system made of each image (WordPress's sizes), to use where they fit. */
    async story(story: StoryFile, copiesOf?: CopiesOf): Promise<StoryFile> {
      const where = `stories/${story.slug}`;
      const image = story.image && (await enrich(story.image, where, copiesOf));
      const body = [];
      for (const block of story.body) {
        if (block.type === 'image') body.push(await enrich(block, where, copiesOf));
        else if (block.type === 'embed' && block.media)
          body.push({ ...block, media: await enrich(block.media, where) });
        else body.push(block);
      }
      return { ...story, ...(image && { image }), body };
    },
    async author(author: AuthorFile): Promise<AuthorFile> {
      return author.photo ? { ...author, photo: await enrich(author.photo, `authors/${author.id}`) } : author;
    },
  };
}

export type ImageEnricher = ReturnType<typeof createImageEnricher>;
