import { memo, Suspense, type ComponentProps } from 'react';
import { loadable } from '../../lib/loadable';
import { whenNeeded } from '../../lib/whenNeeded';
import type { CommentsSection } from './CommentsSection';

type Props = ComponentProps<typeof CommentsSection>;

// The comments' code (the form and its validation) is its own chunk: the server renders the comments in full,
// and in the browser they stay on screen from that HTML until the chunk lands and hydrates them. On a page
// that arrives rendered, that waits until the comments come near the screen or the reader does something: a
// long thread's hydration is real work, and a reader who never scrolls down should not pay for it.
const loadCode = () => import('./CommentsSection');
const LazyCommentsSection = loadable(async () => {
  await whenNeeded('comments');
  return (await loadCode()).CommentsSection;
});

/**
 * Fetches the comments' code without rendering anything, for a reader about to open a story: the story's
 * comments then render from it, instead of its request starting inside the click. The comments already on the
 * page still wait to hydrate until they are needed.
 */
export const preloadCommentsCode = () => void loadCode().catch(() => undefined);

function Placeholder({ initialCount }: Props) {
  return (
    <section className="comments" aria-labelledby="comments-heading" aria-busy="true">
      <h2 id="comments-heading">Comments ({initialCount})</h2>
      <p role="status">Loading comments…</p>
    </section>
  );
}

/**
 * The comments of a story, loaded on demand. Memoised: an update reaching the boundary before its code has
 * arrived would make React swap the server-rendered comments for the placeholder.
 */
export const CommentsRegion = memo(function CommentsRegion(props: Props) {
  return (
    <Suspense fallback={<Placeholder {...props} />}>
      <LazyCommentsSection {...props} />
    </Suspense>
  );
});
