import type { Block } from '../../../schema';
import { Blockquote } from './Blockquote';
import { Divider } from './Divider';
import { EmbeddedPost } from './EmbeddedPost';
import { ImageFigure } from './ImageFigure';
import { List } from './List';
import { Paragraph } from './Paragraph';
import { Pullquote } from './Pullquote';
import { Subheading } from './Subheading';

/** The one place that maps a block type to its renderer; the `never` check makes a missed type a compile error. */
export function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'paragraph':
      return <Paragraph content={block.content} />;
    case 'subheading':
      return <Subheading text={block.text} />;
    case 'blockquote':
      return <Blockquote content={block.content} attribution={block.attribution} />;
    case 'pullquote':
      return <Pullquote text={block.text} />;
    case 'image':
      return <ImageFigure {...block} />;
    case 'list':
      return <List ordered={block.ordered} items={block.items} />;
    case 'embed':
      return <EmbeddedPost {...block} />;
    case 'divider':
      return <Divider />;
    default: {
      const unhandled: never = block;
      return unhandled;
    }
  }
}
