import type { Block } from '../../schema';

/** More blocks than any screen shows under a story's header and lead image. */
export const FIRST_SCREEN_BLOCKS = 6;

/**
 * The blocks a first screen of the story can show: those before its first image, and no more than
 * FIRST_SCREEN_BLOCKS. An image in the body is lazy but near enough the top for the browser to request it in the
 * frame that draws it, and that request, with every further block laid out, delays that frame.
 */
export function firstScreenBlocks(blocks: Block[]): Block[] {
  const firstImage = blocks.findIndex((block) => block.type === 'image');
  return blocks.slice(0, Math.min(firstImage < 0 ? blocks.length : firstImage, FIRST_SCREEN_BLOCKS));
}
