/** A line repeated from the story for emphasis: shown large, but kept out of the reading order for screen readers. */
export function Pullquote({ text }: { text: string }) {
  return (
    <aside className="pullquote" aria-hidden="true">
      <p>{text}</p>
    </aside>
  );
}
