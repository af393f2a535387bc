import type { Inline } from '../../../schema';
import { InlineRuns } from './InlineRuns';

export function Paragraph({ content }: { content: Inline[] }) {
  return (
    <p>
      <InlineRuns runs={content} />
    </p>
  );
}
