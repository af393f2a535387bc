import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { LoadError } from '../../lib/LoadError';
import { LocalTime } from '../../lib/LocalTime';
import { tellLatestCommentCount } from '../comments';
import type { LivePage, LiveUpdates } from '../../schema';
import { useLiveEvents } from './events';
import { LiveEntryView } from './LiveEntryView';
import { fetchUpdates, liveQueries } from './queries';
import { usePolling } from './polling';
import { applyUpdates, revealWaiting, startStream, updatesLabel, type Stream } from './stream';

const pageHref = (page: number, hash = '') => `${page > 1 ? `?page=${page}` : '?'}${hash}`;

/** A live story's entries under its article: page `page` of them, kept current while the story is live. */
export function LiveCoverage({ slug, page }: { slug: string; page: number }) {
  const query = useQuery(liveQueries.page(slug, page));
  if (query.isPending) return null;
  if (query.isError) {
    return <LoadError what="the live updates" error={query.error} onRetry={() => void query.refetch()} />;
  }
  // A new page of data (another page, or a reload after too many changes) starts a new stream.
  return <LiveStream key={`${slug}:${page}:${query.dataUpdatedAt}`} slug={slug} data={query.data} />;
}

function LiveStream({ slug, data }: { slug: string; data: LivePage }) {
  const queryClient = useQueryClient();
  const [stream, setStream] = useState<Stream>(() => startStream(data));
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const firstPage = data.page === 1;
  const live = stream.live.status === 'live';

  // What the page shows now, even between an update and the render it causes (stream events come in bursts).
  const current = useRef(stream);
  const show = (next: Stream) => {
    current.current = next;
    setStream(next);
  };

  const apply = useCallback(
    async (updates: LiveUpdates) => {
      const stream = current.current;
      tellLatestCommentCount(queryClient, slug, updates.commentCount, updates.pollSeconds);
      if (updates.reload) {
        await queryClient.invalidateQueries({ queryKey: liveQueries.page(slug, data.page).queryKey });
        return;
      }
      if (updates.rev === stream.rev && updates.live?.status === stream.live.status) return;
      // At the top: the reader has not scrolled into the entries, so new ones can go in without moving
      // what they read.
      const atTop = (listRef.current?.getBoundingClientRect().top ?? 0) >= 0;
      const next = applyUpdates(stream, updates, atTop, firstPage);
      const added = next.entries.length - stream.entries.length + stream.waiting.length - next.waiting.length;
      if (next.waiting.length > stream.waiting.length) setAnnouncement(updatesLabel(next.waiting.length));
      else if (added > 0) setAnnouncement(`${updatesLabel(added)} added`);
      if (next.live.status === 'ended' && stream.live.status === 'live') setAnnouncement('The live coverage has ended');
      current.current = next;
      setStream(next);
    },
    [slug, queryClient, data.page, firstPage],
  );
  const poll = useCallback(
    async (signal: AbortSignal) => apply(await fetchUpdates(slug, current.current.rev, signal)),
    [slug, apply],
  );
  const streaming = useLiveEvents(slug, stream.rev, live && data.events === true, (updates) => void apply(updates));
  usePolling(poll, data.pollSeconds, live && !streaming);

  // "(2) Headline": the tab says how many updates wait, and says nothing once they are shown.
  const waiting = stream.waiting.length;
  useEffect(() => {
    if (waiting === 0) return;
    const plain = document.title;
    document.title = `(${waiting}) ${plain}`;
    return () => {
      document.title = plain;
    };
  }, [waiting]);

  const reveal = () => {
    show(revealWaiting(current.current));
    setAnnouncement('');
    listRef.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <section className="live" aria-labelledby="live-heading">
      <h2 id="live-heading" className="live-heading">
        {live ? 'Live updates' : 'Updates'}
      </h2>
      <p className="live-status">
        {live ? (
          <>
            <span className="live-badge live-badge-on">Live</span> Since{' '}
            <LocalTime iso={stream.live.startedAt} format="datetime" />
          </>
        ) : (
          <>
            This live coverage has ended
            {stream.live.endedAt ? (
              <>
                {' '}
                (<LocalTime iso={stream.live.endedAt} format="datetime" />)
              </>
            ) : null}
            .
          </>
        )}
      </p>
      {stream.keyEvents.length > 0 ? (
        <nav className="live-key-events" aria-labelledby="live-key-events-heading">
          <h3 id="live-key-events-heading">Key events</h3>
          <ol>
            {stream.keyEvents.map((event) => (
              <li key={event.id}>
                <a href={event.page === data.page ? `#entry-${event.id}` : pageHref(event.page, `#entry-${event.id}`)}>
                  <LocalTime iso={event.at} format="datetime" />
                  {event.title ? ` ${event.title}` : ''}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {stream.pinned ? (
        <div className="live-pinned">
          <p className="live-badge">Pinned</p>
          <LiveEntryView entry={stream.pinned} idPrefix="pinned" />
        </div>
      ) : null}
      <ol className="live-entries" ref={listRef} aria-label="Entries, newest first">
        {stream.entries.map((entry) => (
          <li key={entry.id}>
            <LiveEntryView entry={entry} />
          </li>
        ))}
      </ol>
      {stream.entries.length === 0 ? <p className="live-empty">No updates yet.</p> : null}
      {data.pageCount > 1 ? (
        <nav className="live-pages" aria-label="Pages of updates">
          {data.page > 1 ? (
            <a href={pageHref(data.page - 1)} rel="prev">
              Newer updates
            </a>
          ) : null}
          <span>
            Page {data.page} of {data.pageCount}
          </span>
          {data.page < data.pageCount ? (
            <a href={pageHref(data.page + 1)} rel="next">
              Older updates
            </a>
          ) : null}
        </nav>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {waiting > 0 ? (
        <button type="button" className="live-new" onClick={reveal}>
          {updatesLabel(waiting)}
        </button>
      ) : null}
    </section>
  );
}
