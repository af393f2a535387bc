import { useEffect, useRef, useState } from 'react';
import type { LiveUpdates } from '../../schema';

/**
 * Listens to a story's event stream (`/api/stories/:slug/events`, on where the server sets LIVE_EVENTS) while
 * `enabled`, handing each update to `onUpdates` in order. Returns whether the stream is in use: false when it
 * is off, unsupported, or failed once (refused at the server's cap, cut by a proxy, the server draining), and
 * the page then polls as it would without it.
 */
export function useLiveEvents(
  slug: string,
  since: number,
  enabled: boolean,
  onUpdates: (updates: LiveUpdates) => void,
): boolean {
  const [failed, setFailed] = useState(false);
  const latest = useRef({ onUpdates, since });
  useEffect(() => {
    latest.current = { onUpdates, since };
  });
  const on = enabled && !failed && typeof EventSource === 'function';
  useEffect(() => {
    if (!on) return;
    const path = `/api/stories/${encodeURIComponent(slug)}/events?since=${latest.current.since}`;
    const source = new EventSource(path);
    let closed = false;
    // Updates are applied one at a time, in the order they came, once the validators have loaded.
    let queue = Promise.resolve();
    source.addEventListener('update', (event: MessageEvent<string>) => {
      queue = queue.then(async () => {
        const { LiveUpdates } = await import('../../schema');
        const parsed = LiveUpdates.safeParse(JSON.parse(event.data));
        if (parsed.success && !closed) latest.current.onUpdates(parsed.data);
      });
    });
    source.onerror = () => {
      closed = true;
      source.close();
      setFailed(true);
    };
    return () => {
      closed = true;
      source.close();
    };
  }, [slug, on]);
  return on;
}
