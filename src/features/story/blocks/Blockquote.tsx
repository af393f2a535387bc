import type { Inline } from '../../../schema';
import { InlineRuns } from './InlineRuns';

export function Blockquote({ content, attribution }: { content: Inline[]; attribution?: string }) {
  const quote = (
    <blockquote className="story-quote">
      <p>
        <InlineRuns runs={content} />
      </p>
    </blockquote>
  );
  if (!attribution) return quote;
  return (
    <figure className="story-quote-figure">
      {quote}
      <figcaption>— {attribution}</figcaption>
    </figure>
  );
}
