import type { Block } from '../../schema';
import { BlockView } from './blocks/BlockView';
import { firstScreenBlocks } from './firstScreen';

/** `firstScreen`: only what a first screen shows (after a click to another story, the rest comes a pass later). */
export function StoryBody({ blocks, firstScreen = false }: { blocks: Block[]; firstScreen?: boolean }) {
  return (
    <div className="story-body">
      {(firstScreen ? firstScreenBlocks(blocks) : blocks).map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </div>
  );
}
