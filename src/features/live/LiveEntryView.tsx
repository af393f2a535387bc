import { LocalTime } from '../../lib/LocalTime';
import type { LiveEntry } from '../../schema';
import { StoryBody } from '../story';

/** One entry: its time (the anchor key events link to), title, blocks and contributor. */
export function LiveEntryView({ entry, idPrefix = 'entry' }: { entry: LiveEntry; idPrefix?: string }) {
  const headingId = `${idPrefix}-${entry.id}-heading`;
  return (
    <article
      id={`${idPrefix}-${entry.id}`}
      className={`live-entry${entry.keyEvent ? ' live-entry-key' : ''}`}
      aria-labelledby={headingId}
    >
      <header className="live-entry-head">
        <h3 id={headingId} className="live-entry-title">
          <LocalTime iso={entry.at} format="datetime" />
          {entry.title ? <span className="live-entry-title-text">{entry.title}</span> : null}
        </h3>
        {entry.keyEvent ? <span className="live-badge">Key event</span> : null}
      </header>
      <StoryBody blocks={entry.blocks} />
      {entry.author ? <p className="live-entry-author">By {entry.author}</p> : null}
    </article>
  );
}
