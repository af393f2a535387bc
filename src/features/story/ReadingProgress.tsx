import { useEffect, useRef } from 'react';

/**
 * A thin bar showing how far down the story the reader is. Decorative (hidden from screen readers); it is
 * moved through the DOM, not React state, so scrolling never re-renders the story.
 */
export function ReadingProgress({ targetId }: { targetId: string }) {
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const target = document.getElementById(targetId);
      if (!target || !bar.current) return;
      const { top, height } = target.getBoundingClientRect();
      const readable = Math.max(1, height - window.innerHeight);
      const progress = Math.min(1, Math.max(0, -top / readable));
      bar.current.style.transform = `scaleX(${progress})`;
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(update);
    };
    // The first reading waits for the next frame too: read here, in the effect, it would force a layout of the
    // whole page inside the task that hydrates or swaps the story, which is what makes that task long.
    schedule();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [targetId]);

  return (
    <div className="reading-progress" aria-hidden="true">
      <div ref={bar} className="reading-progress-bar" />
    </div>
  );
}
