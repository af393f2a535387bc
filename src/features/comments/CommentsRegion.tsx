import { lazy, Suspense, type ComponentProps } from 'react';
import type { CommentsSection } from './CommentsSection';

type Props = ComponentProps<typeof CommentsSection>;

// The comments' code (the form and its validation) is its own chunk: the server renders the comments in full,
// and in the browser they stay on screen from that HTML until the chunk lands and hydrates them.
const LazyCommentsSection = lazy(async () => ({ default: (await import('./CommentsSection')).CommentsSection }));

function Placeholder({ initialCount }: Props) {
  return (
    <section className="comments" aria-labelledby="comments-heading" aria-busy="true">
      <h2 id="comments-heading">Comments ({initialCount})</h2>
      <p role="status">Loading comments…</p>
    </section>
  );
}

/** The comments of a story, loaded on demand. */
export function CommentsRegion(props: Props) {
  return (
    <Suspense fallback={<Placeholder {...props} />}>
      <LazyCommentsSection {...props} />
    </Suspense>
  );
}
