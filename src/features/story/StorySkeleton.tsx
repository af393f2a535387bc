/** The shape of a story while it loads, the same size as the real thing so nothing jumps when it arrives. */
export function StorySkeleton() {
  return (
    <div className="story skeleton" aria-busy="true" role="status" aria-label="Loading story">
      <div className="skeleton-line skeleton-label" />
      <div className="skeleton-line skeleton-headline" />
      <div className="skeleton-line skeleton-headline short" />
      <div className="skeleton-line skeleton-standfirst" />
      <div className="skeleton-line skeleton-byline" />
      <div className="skeleton-image" />
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="skeleton-line skeleton-text" />
      ))}
    </div>
  );
}
