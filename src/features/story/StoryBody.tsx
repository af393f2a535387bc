import type { Block } from '../../schema';
import { BlockView } from './blocks/BlockView';

export function StoryBody({ blocks }: { blocks: Block[] }) {
  return (
    <div className="story-body">
      {blocks.map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </div>
  );
}
