import type { KeyEvent, LiveEntry, LivePage, LiveUpdates } from '../../schema';

/** What a reader's page of entries holds: what it shows, and new entries held back while the reader reads. */
export interface Stream {
  rev: number;
  live: LivePage['live'];
  pinned: LiveEntry | null;
  keyEvents: KeyEvent[];
  entries: LiveEntry[];
  /** New entries not shown yet: the reader had scrolled into the entries when they came. */
  waiting: LiveEntry[];
}

const newestFirst = (a: LiveEntry, b: LiveEntry) =>
  a.at === b.at ? (a.id < b.id ? 1 : -1) : Date.parse(b.at) - Date.parse(a.at);

export const startStream = (page: LivePage): Stream => ({
  rev: page.rev,
  live: page.live,
  pinned: page.pinned,
  keyEvents: page.keyEvents,
  entries: page.entries,
  waiting: [],
});

/**
 * The stream after an update answer. Edited entries change where they are; removed ones go; new ones are
 * shown at once when `atTop`, else held in `waiting`. Only the first page takes new entries.
 */
export function applyUpdates(stream: Stream, updates: LiveUpdates, atTop: boolean, firstPage: boolean): Stream {
  const removed = new Set(updates.removed);
  const byId = new Map(updates.changed.map((entry) => [entry.id, entry]));
  const shown = new Set(stream.entries.map((entry) => entry.id));
  const swap = (entry: LiveEntry) => byId.get(entry.id) ?? entry;
  const entries = stream.entries.filter((entry) => !removed.has(entry.id)).map(swap);
  let waiting = stream.waiting.filter((entry) => !removed.has(entry.id)).map(swap);
  const held = new Set(waiting.map((entry) => entry.id));
  const fresh = firstPage ? updates.changed.filter((entry) => !shown.has(entry.id) && !held.has(entry.id)) : [];
  if (atTop) {
    entries.push(...waiting, ...fresh);
    waiting = [];
  } else {
    waiting = [...waiting, ...fresh];
  }
  entries.sort(newestFirst);
  waiting.sort(newestFirst);

  let pinned = stream.pinned && !removed.has(stream.pinned.id) ? swap(stream.pinned) : null;
  if (pinned && !pinned.pinned) pinned = null;
  const newlyPinned = updates.changed.filter((entry) => entry.pinned).sort(newestFirst)[0];
  if (newlyPinned && (!pinned || newestFirst(newlyPinned, pinned) <= 0)) pinned = newlyPinned;

  const keyEvents = stream.keyEvents
    .filter((event) => !removed.has(event.id))
    .flatMap((event) => {
      const entry = byId.get(event.id);
      if (!entry) return [event];
      return entry.keyEvent ? [{ ...event, at: entry.at, title: entry.title }] : [];
    });
  const known = new Set(keyEvents.map((event) => event.id));
  const newEvents = updates.changed
    .filter((entry) => entry.keyEvent && !known.has(entry.id))
    .map((entry) => ({ id: entry.id, at: entry.at, title: entry.title, page: 1 }));
  return {
    rev: updates.rev,
    live: updates.live ?? stream.live,
    pinned,
    keyEvents: [...newEvents, ...keyEvents].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
    entries,
    waiting,
  };
}

/** Shows the held entries: the reader asked for them. */
export const revealWaiting = (stream: Stream): Stream => ({
  ...stream,
  entries: [...stream.waiting, ...stream.entries].sort(newestFirst),
  waiting: [],
});

export const updatesLabel = (count: number) => `${count} new ${count === 1 ? 'update' : 'updates'}`;
