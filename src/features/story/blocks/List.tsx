import type { Inline } from '../../../schema';
import { InlineRuns } from './InlineRuns';

export function List({ ordered, items }: { ordered: boolean; items: Inline[][] }) {
  const ListTag = ordered ? 'ol' : 'ul';
  return (
    <ListTag className="story-body-list">
      {items.map((item, index) => (
        <li key={index}>
          <InlineRuns runs={item} />
        </li>
      ))}
    </ListTag>
  );
}
